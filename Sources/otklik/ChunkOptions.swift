import ArgumentParser

/// The rows a chunk of a streamed import holds: 20,000 (tests set fewer to cross chunks with small files).
struct ChunkOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Rows a chunk of a streamed file (tests use small chunks).", visibility: .hidden))
    var chunkRows = 20_000

    func validate() throws {
        guard chunkRows > 0 else { throw ValidationError("--chunk-rows must be positive") }
    }
}
