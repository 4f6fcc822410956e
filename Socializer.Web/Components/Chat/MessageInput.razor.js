// Enter sends (the component handles the keydown), so the browser must not also insert a newline.
// Shift+Enter, and Enter while an input method is composing, keep their normal behaviour.
export function enterSends(textarea) {
    if (!textarea || textarea.dataset.enterSends) return;
    textarea.dataset.enterSends = "1";
    textarea.addEventListener("keydown", e => {
        if (e.key === "Enter" && !e.shiftKey && !e.isComposing) e.preventDefault();
    });
}

// The text being typed survives a lost connection: when the server no longer has the circuit, the page reloads
// (ReconnectModal.razor.js) and would start empty. The draft lives in this tab's sessionStorage until it is sent.
// Returns a draft to put back into an empty box, or null.
export function keepDraft(textarea, key) {
    if (!textarea || !key) return null;
    let restored = null;
    const saved = sessionStorage.getItem(key);
    if (!textarea.value && saved) {
        textarea.value = saved;
        restored = saved;
    } else if (textarea.value) {
        sessionStorage.setItem(key, textarea.value);
    }
    if (!textarea.dataset.keepsDraft) {
        textarea.dataset.keepsDraft = "1";
        textarea.addEventListener("input", () => {
            if (textarea.value) sessionStorage.setItem(key, textarea.value);
            else sessionStorage.removeItem(key);
        });
    }
    return restored;
}

export function forgetDraft(key) {
    if (key) sessionStorage.removeItem(key);
}
