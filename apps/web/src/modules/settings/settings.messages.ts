import { defineMessages } from '../../shared/i18n/i18n.tsx';

const de = {
  title: 'Einstellungen',
  signedInAs: (username: string) => `Angemeldet als ${username}`,
  checkFields: 'Bitte schau dir die markierten Felder an; alles andere ist noch da.',
  required: 'Bitte ausfüllen.',

  profile: {
    heading: 'Profil',
    fullName: 'Name',
    fullNameHint: 'So spricht Workmate dich an.',
    fullNameProblem: 'Bitte höchstens 100 Zeichen.',
    email: 'E-Mail-Adresse',
    emailProblem: 'Bitte gib eine E-Mail-Adresse wie name@beispiel.de ein.',
    emailTaken: 'Diese E-Mail-Adresse nutzt schon ein anderes Konto.',
    timezone: 'Zeitzone',
    timezoneHint: 'Danach richten sich Fälligkeiten, Erinnerungen und Ruhezeiten.',
    timezoneProblem: 'Diese Zeitzone kennt Workmate nicht. Bitte wähl eine aus der Liste.',
    deviceZone: (zone: string) => `Dein Gerät ist in ${zone}. Übernehmen?`,
    adoptZone: (zone: string) => `${zone} übernehmen`,
    dateFormat: 'Datumsformat',
    dateFormatOption: (example: string, pattern: string) => `${example} (${pattern})`,
    patterns: { 'DD.MM.YYYY': 'TT.MM.JJJJ', 'YYYY-MM-DD': 'JJJJ-MM-TT', 'MM/DD/YYYY': 'MM/TT/JJJJ' },
    firstDay: 'Die Woche beginnt am',
    weekdays: ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'],
    save: 'Profil speichern',
    saved: 'Profil gespeichert',
  },

  display: {
    heading: 'Sprache und Aussehen',
    language: 'App-Sprache',
    theme: 'Farbschema',
    themes: { system: 'Wie auf dem Gerät', light: 'Hell', dark: 'Dunkel' },
    appliesAtOnce: 'Gilt sofort, ohne Speichern.',
    languageSaved: 'Sprache übernommen',
    themeSaved: 'Farbschema übernommen',
  },

  more: {
    heading: 'Weitere Einstellungen',
    notifications: 'Benachrichtigungen und Kanäle',
    notificationsHint: 'Wo und wann dich Erinnerungen erreichen.',
    security: 'Sicherheit und Anmeldungen',
    securityHint: 'Passwort, Zwei-Faktor-Anmeldung, Geräte.',
  },

  account: {
    heading: 'Konto',
    exportHeading: 'Deine Daten',
    exportText: 'Alles, was du in Workmate gespeichert hast, als ein Archiv (.tar.gz) mit allen Dateien.',
    exportLink: 'Meine Daten herunterladen',
    deleteHeading: 'Konto löschen',
    deleteText: 'Wenn du Workmate nicht mehr brauchst, kannst du dein Konto hier löschen.',
    deleteStart: 'Konto löschen …',
    deleteWarning:
      'Das löscht dein Konto mit allen Dokumenten, Aufgaben und Einstellungen. Das lässt sich nicht rückgängig machen. Lade vorher deine Daten herunter, wenn du sie behalten möchtest.',
    password: 'Dein Passwort',
    passwordHint: 'Damit nur du dein Konto löschen kannst.',
    deleteConfirm: 'Konto endgültig löschen',
    wrongPassword: 'Das Passwort stimmt nicht. Versuch es nochmal.',
  },
};

const en: typeof de = {
  title: 'Settings',
  signedInAs: (username: string) => `Signed in as ${username}`,
  checkFields: 'Please look at the marked fields; everything else is still here.',
  required: 'Please fill this in.',

  profile: {
    heading: 'Profile',
    fullName: 'Name',
    fullNameHint: 'How Workmate addresses you.',
    fullNameProblem: 'Please use at most 100 characters.',
    email: 'E-mail address',
    emailProblem: 'Please enter an e-mail address like name@example.org.',
    emailTaken: 'Another account uses this e-mail address.',
    timezone: 'Time zone',
    timezoneHint: 'Due dates, reminders and quiet hours follow it.',
    timezoneProblem: 'Workmate does not know this time zone. Please pick one from the list.',
    deviceZone: (zone: string) => `Your device is in ${zone}. Use it?`,
    adoptZone: (zone: string) => `Use ${zone}`,
    dateFormat: 'Date format',
    dateFormatOption: (example: string, pattern: string) => `${example} (${pattern})`,
    patterns: { 'DD.MM.YYYY': 'DD.MM.YYYY', 'YYYY-MM-DD': 'YYYY-MM-DD', 'MM/DD/YYYY': 'MM/DD/YYYY' },
    firstDay: 'The week starts on',
    weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    save: 'Save profile',
    saved: 'Profile saved',
  },

  display: {
    heading: 'Language and look',
    language: 'App language',
    theme: 'Colour scheme',
    themes: { system: 'Same as the device', light: 'Light', dark: 'Dark' },
    appliesAtOnce: 'Applies at once, no need to save.',
    languageSaved: 'Language applied',
    themeSaved: 'Colour scheme applied',
  },

  more: {
    heading: 'More settings',
    notifications: 'Notifications and channels',
    notificationsHint: 'Where and when reminders reach you.',
    security: 'Security and sign-ins',
    securityHint: 'Password, two-factor sign-in, devices.',
  },

  account: {
    heading: 'Account',
    exportHeading: 'Your data',
    exportText: 'Everything you stored in Workmate as one archive (.tar.gz) with all files.',
    exportLink: 'Download my data',
    deleteHeading: 'Delete account',
    deleteText: 'If you no longer need Workmate, you can delete your account here.',
    deleteStart: 'Delete account …',
    deleteWarning:
      'This deletes your account with all documents, tasks and settings. It cannot be undone. Download your data first if you want to keep it.',
    password: 'Your password',
    passwordHint: 'So that only you can delete your account.',
    deleteConfirm: 'Delete account for good',
    wrongPassword: 'The password is not right. Please try again.',
  },
};

export const settingsMessages = defineMessages({ de, en });
