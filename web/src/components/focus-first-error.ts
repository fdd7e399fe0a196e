import { useEffect, useRef } from "react";

/**
 * A form's ref that, each time the form's errors change and there are some, moves the focus to
 * the first field marked invalid: a keyboard or screen-reader user lands on what to fix, instead
 * of staying on the Save button with the errors somewhere above.
 */
export function useFocusFirstError(issues: Record<string, string>) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (Object.keys(issues).length === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [issues]);
  return form;
}
