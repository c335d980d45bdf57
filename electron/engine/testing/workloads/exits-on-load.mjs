// Ends the process (here: the thread) that loads it.
process.exit(3);
export default function (size) { return size; }
