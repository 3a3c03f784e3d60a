import CSV
import Foundation

/// Writes rows of text cells as RFC 4180 CSV (quoting only where needed) to a stream or into memory.
public final class CSVRowWriter {
    private let writer: CSVWriter
    private let stream: OutputStream
    private var ended = false

    /// A writer into memory; read the result with ``text``.
    public convenience init(header: [String]) throws {
        try self.init(stream: OutputStream(toMemory: ()), header: header)
    }

    public init(stream: OutputStream, header: [String]) throws {
        self.stream = stream
        writer = try CSVWriter(stream: stream, delimiter: ",", newline: .lf)
        try writer.write(row: header)
    }

    public func write(_ cells: [String]) throws {
        try writer.write(row: cells)
    }

    /// Ends the last line and closes the stream.
    public func finish() {
        endLastLine()
        stream.close()
    }

    private func endLastLine() {
        guard !ended else { return }
        ended = true
        _ = stream.write([UInt8(ascii: "\n")], maxLength: 1)
    }

    /// The finished CSV, for a writer into memory.
    public var text: String {
        endLastLine()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
