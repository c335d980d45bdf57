// Never finishes loading: a busy loop at the top level.
for (;;);
export default function (size) { return size; }
