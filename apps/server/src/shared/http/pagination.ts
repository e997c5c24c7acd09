import Type, { type TSchema } from 'typebox';

export const MAX_PAGE_SIZE = 100;

export const PageQuery = {
  page: Type.Integer({ minimum: 1, default: 1, description: 'Page number, from 1.' }),
  page_size: Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20, description: `Items per page, at most ${MAX_PAGE_SIZE}.` }),
};

export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    total: Type.Integer({ minimum: 0 }),
    page: Type.Integer({ minimum: 1 }),
    page_size: Type.Integer({ minimum: 1 }),
    results: Type.Array(item),
  });
}

export function pageWindow(query: { page: number; page_size: number }) {
  return { limit: query.page_size, offset: (query.page - 1) * query.page_size };
}
