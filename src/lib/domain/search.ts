/**
 * Text folded for search: lower case, Vietnamese diacritics removed, đ → d, spaces collapsed, so
 * "hoi thao" finds "Hội thảo" and "HỘI THẢO". The same function runs in the database (registered
 * as the SQL function `fold_text`) and on the query, so both sides fold alike.
 */
export function foldText(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

/** A folded search term as a LIKE pattern (its own % and _ taken literally, escape `\`). */
export function likePattern(term: string): string {
	return `%${foldText(term).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The one search rule of every list, in the browser as the review list's `likePattern` in the
 * database: the words typed, accents, case and spacing aside ("muong", "y te", "tan phong").
 */
export function matchesSearch(text: string, term: string): boolean {
	return foldText(text).includes(foldText(term));
}
