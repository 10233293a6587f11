/**
 * Moves focus to a form's first refused field once React has rendered the errors (the
 * fields set `aria-invalid` then, so this waits a tick). `selector` widens what counts as
 * refused, e.g. a checkbox group that marks its fieldset rather than each box.
 *
 * ### Examples
 * ```ts
 * setErrors(found);
 * focusFirstInvalid(event.currentTarget);
 * ```
 */
export function focusFirstInvalid(form: HTMLFormElement, selector = '[aria-invalid="true"]'): void {
  window.setTimeout(() => form.querySelector<HTMLElement>(selector)?.focus(), 0);
}
