import Foundation

/// Otklik's one CSV reader (RFC 4180), streaming: a quoted field may hold delimiters, doubled quotes and line breaks;
/// CRLF, LF and CR end a record; a UTF-8 byte-order mark is ignored and blank lines are skipped. It reads UTF-8
/// bytes from a string or from a stream in 64 KB chunks, so a file of millions of rows never sits in memory whole.
///
/// Malformed input is refused with its line and column instead of being guessed at: a quote that is never closed
/// (which would otherwise swallow every following row), text after a closing quote, a NUL character (which storage
/// would truncate) and bytes that are not UTF-8. Used by every import, the analysis commands and text evaluation.
public struct CSVReader {
    /// One record: its cells and the line it starts on (1-based, counting line breaks inside quoted cells).
    public struct Record: Sendable, Equatable {
        public var cells: [String]
        public var line: Int
    }

    private var source: any CSVByteSource
    private let delimiter: UInt8
    private var buffer: [UInt8] = []
    private var index = 0
    private var line = 1
    private var started = false

    /// Reads a whole text.
    public init(text: String, delimiter: Character = ",") {
        self.init(source: CSVTextSource(text: text), delimiter: delimiter)
    }

    /// Streams a file; nil when it cannot be opened.
    public init?(path: String, delimiter: Character = ",") {
        guard let stream = InputStream(fileAtPath: path) else { return nil }
        self.init(source: CSVStreamSource(stream: stream), delimiter: delimiter)
    }

    init(source: any CSVByteSource, delimiter: Character) {
        self.source = source
        self.delimiter = delimiter.asciiValue ?? UInt8(ascii: ",")
    }

    /// Every remaining record.
    public mutating func all() throws(CSVError) -> [Record] {
        var records: [Record] = []
        while let record = try next() { records.append(record) }
        return records
    }

    /// The next non-blank record; nil at the end of the input.
    public mutating func next() throws(CSVError) -> Record? {
        while true {
            guard let record = try nextRecord() else { return nil }
            if record.cells.count == 1 && record.cells[0].isEmpty { continue }
            return record
        }
    }

    private mutating func byte() -> UInt8? {
        if index == buffer.count {
            buffer = source.read()
            index = 0
            if buffer.isEmpty { return nil }
        }
        defer { index += 1 }
        return buffer[index]
    }

    private mutating func peek() -> UInt8? {
        if index == buffer.count {
            buffer = source.read()
            index = 0
            if buffer.isEmpty { return nil }
        }
        return buffer[index]
    }

    private mutating func nextRecord() throws(CSVError) -> Record? {
        if !started {
            started = true
            if peek() == 0xEF {
                // A byte-order mark: EF BB BF.
                _ = byte()
                guard byte() == 0xBB, byte() == 0xBF else { throw CSVError(line: 1, column: 1, message: "the file is not UTF-8 text") }
            }
        }
        guard peek() != nil else { return nil }
        let recordLine = line
        var cells: [String] = []
        var field: [UInt8] = []
        var quoted = false, afterQuote = false, fieldStarted = false
        var quoteLine = line

        func finish(_ field: [UInt8], column: Int) throws(CSVError) -> String {
            // ASCII (nearly every cell of an export) is UTF-8 as it stands: decoded without the validating initialiser,
            // which is not specialised here and looked its generic metadata up for every cell.
            if field.allSatisfy({ $0 < 0x80 }) { return String(decoding: field, as: UTF8.self) }
            guard let text = String(validating: field, as: UTF8.self) else {
                throw CSVError(line: recordLine, column: column, message: "the cell is not UTF-8 text")
            }
            return text
        }

        while let b = byte() {
            if b == 0 {
                throw CSVError(line: line, column: cells.count + 1, message: "a NUL character is not allowed in a cell")
            }
            if quoted {
                if b == UInt8(ascii: "\"") {
                    if peek() == UInt8(ascii: "\"") {
                        _ = byte()
                        field.append(b)
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    if b == UInt8(ascii: "\n") || (b == UInt8(ascii: "\r") && peek() != UInt8(ascii: "\n")) { line += 1 }
                    field.append(b)
                }
                continue
            }
            switch b {
            case delimiter:
                cells.append(try finish(field, column: cells.count + 1))
                field.removeAll(keepingCapacity: true)
                afterQuote = false
                fieldStarted = false
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                if b == UInt8(ascii: "\r"), peek() == UInt8(ascii: "\n") { _ = byte() }
                line += 1
                cells.append(try finish(field, column: cells.count + 1))
                return Record(cells: cells, line: recordLine)
            case UInt8(ascii: "\"") where !fieldStarted:
                quoted = true
                fieldStarted = true
                quoteLine = line
            default:
                if afterQuote {
                    throw CSVError(line: line, column: cells.count + 1, message: "text after the closing quote of a cell; double a quote inside a quoted cell")
                }
                field.append(b)
                fieldStarted = true
            }
        }
        if quoted {
            throw CSVError(
                line: quoteLine, column: cells.count + 1,
                message: "a quoted cell is never closed (it opens here and runs to the end of the file)")
        }
        cells.append(try finish(field, column: cells.count + 1))
        return Record(cells: cells, line: recordLine)
    }
}

/// Why CSV input could not be read: where (line from 1, column as the cell's position from 1) and what.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}
