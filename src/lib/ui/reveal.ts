import type { Attachment } from 'svelte/attachments';

/**
 * The outcome of an action (an error summary, a confirmation) is brought into view and given
 * focus the moment it appears: on a phone the form's button is often a screen or two below the
 * message, so without this nothing visible happens after a tap, and a screen reader would not
 * read it. The element needs `tabindex="-1"`. Wrap it in `{#key result}` so a second outcome of
 * the same kind is revealed again.
 */
export const reveal: Attachment<HTMLElement> = (element) => {
	const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
	element.focus({ preventScroll: true });
	element.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
};

/**
 * A link in an error summary moves focus to its field (a plain `#id` jump only scrolls), with
 * the field's label in view above it.
 */
export function focusField(event: MouseEvent, id: string) {
	const field = document.getElementById(id);
	if (!field) return;
	event.preventDefault();
	field.focus({ preventScroll: true });
	(field.closest('fieldset, .field') ?? field).scrollIntoView({ block: 'center' });
}
