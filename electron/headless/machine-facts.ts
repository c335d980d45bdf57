/** Moved to the engine, which announces the machine with every experiment it runs. */
export { machineFacts } from '../session/machine-facts';
