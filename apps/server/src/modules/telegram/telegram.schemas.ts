import Type, { type Static } from 'typebox';

export const LinkResponse = Type.Object({
  code: Type.String({ description: 'One-time code, valid 10 minutes: the bot links the chat that sends "/start <code>".' }),
  url: Type.String({ description: 'https://t.me/<bot>?start=<code>: opens the bot in Telegram with the code ready to send.' }),
  bot_username: Type.String(),
  expires_at: Type.String({ format: 'date-time' }),
});

const ChatId = Type.Integer();
const Language = Type.Optional(Type.String({ maxLength: 35, description: "The Telegram user's language_code (IETF tag)." }));

/** What the bot received, reduced to what it acts on (no message text is kept): the payload of the job that handles it. */
export const TelegramEvent = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('start'),
      chat_id: ChatId,
      message_id: Type.Integer(),
      private: Type.Boolean(),
      /** The deep-link parameter of "/start <code>", null for a bare /start. */
      code: Type.Union([Type.String({ maxLength: 64 }), Type.Null()]),
      username: Type.Optional(Type.String({ maxLength: 64 })),
      language_code: Language,
    },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('text'), chat_id: ChatId, message_id: Type.Integer(), private: Type.Boolean(), language_code: Language }, { additionalProperties: false }),
  Type.Object(
    {
      kind: Type.Literal('callback'),
      callback_id: Type.String({ minLength: 1, maxLength: 64 }),
      /** The chat of the message whose button was pressed (the presser's id when Telegram left the message out). */
      chat_id: ChatId,
      message_id: Type.Optional(Type.Integer()),
      data: Type.String({ maxLength: 64 }),
      language_code: Language,
    },
    { additionalProperties: false },
  ),
]);
export type TelegramEvent = Static<typeof TelegramEvent>;
