import ServiceLifecycle

/// The rule of every loop that drains the change feed a step at a time: stop before the next step when the task is
/// cancelled or the server is shutting down. Each step's position is stored with its work (or, for the engine, held
/// in memory and saved with its snapshot), so stopping between steps loses nothing: the next round, the next start or
/// another server goes on from there. Without it a server asked to stop right after a ten-million-row import went on
/// draining for minutes.
enum StepLoop {
    static var shouldStop: Bool { Task.isCancelled || Task.isShuttingDownGracefully }
}
