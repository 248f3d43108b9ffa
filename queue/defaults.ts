// Defaults the command line shows in its help, apart from the modules that load BullMQ (which the
// CLI loads only when --redis or `jixiao worker` is used).

/** How long a worker process may go silent before its file is handed to another (stalled-job recovery). */
export const DEFAULT_STALL_SECONDS = 30;
