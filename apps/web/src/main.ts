// Placeholder until the web app issue: shows whether the server is ready.
const status = document.querySelector<HTMLParagraphElement>('#status');

async function showReadiness(): Promise<void> {
  if (!status) return;
  try {
    const response = await fetch('/readyz');
    status.textContent = response.ok ? 'Workmate ist bereit.' : 'Workmate startet noch oder braucht Aufmerksamkeit.';
  } catch {
    status.textContent = 'Der Server antwortet nicht.';
  }
}

void showReadiness();
