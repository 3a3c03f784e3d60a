import ArgumentParser

/// The rows a chunk of a streamed import holds: 20,000 (tests set fewer to cross chunks with small files).
struct ChunkOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Rows a chunk of a streamed file (tests use small chunks).", visibility: .hidden))
    var chunkRows = 20_000

    @Option(help: ArgumentHelp("Rows stored between two progress notes (tests use a few).", visibility: .hidden))
    var progressRows = 1_000_000

    func validate() throws {
        guard chunkRows > 0 else { throw ValidationError("--chunk-rows must be positive") }
        guard progressRows > 0 else { throw ValidationError("--progress-rows must be positive") }
    }
}
