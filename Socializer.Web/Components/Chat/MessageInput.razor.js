// Enter sends (the component handles the keydown), so the browser must not also insert a newline.
// Shift+Enter, and Enter while an input method is composing, keep their normal behaviour.
export function enterSends(textarea) {
    if (!textarea || textarea.dataset.enterSends) return;
    textarea.dataset.enterSends = "1";
    textarea.addEventListener("keydown", e => {
        if (e.key === "Enter" && !e.shiftKey && !e.isComposing) e.preventDefault();
    });
}
