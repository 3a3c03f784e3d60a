import Foundation

/// Where ``CSVReader`` gets its bytes: the next chunk, empty at the end.
protocol CSVByteSource {
    mutating func read() -> [UInt8]
}

/// A whole text, handed over at once.
struct CSVTextSource: CSVByteSource {
    var text: String?

    mutating func read() -> [UInt8] {
        defer { text = nil }
        return text.map { Array($0.utf8) } ?? []
    }
}

/// A stream read 64 KB at a time.
final class CSVStreamSource: CSVByteSource {
    let stream: InputStream
    private var opened = false

    init(stream: InputStream) {
        self.stream = stream
    }

    deinit { stream.close() }

    func read() -> [UInt8] {
        if !opened {
            stream.open()
            opened = true
        }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = stream.read(&chunk, maxLength: chunk.count)
        return count > 0 ? Array(chunk.prefix(count)) : []
    }
}
