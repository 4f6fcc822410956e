export function timezoneOffsetMinutes() {
    return new Date().getTimezoneOffset();
}

export function scrollToBottom(element) {
    if (element) element.scrollTop = element.scrollHeight;
}
