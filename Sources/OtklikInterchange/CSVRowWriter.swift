import CSV
import Foundation

/// Writes rows of text cells as RFC 4180 CSV (quoting only where needed) to a stream or into memory.
///
/// A cell a spreadsheet would run as a formula — one starting with `=`, `+`, `-`, `@`, a tab or a carriage return,
/// unless it is a plain number such as `-12.5` — is written with a leading `'` (CSV injection).
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
        try writer.write(row: cells.map(Self.neutralised))
    }

    /// `cell` as a spreadsheet shows it as text: formulas get a leading `'`; numbers stay numbers.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return cell }
        if Double(cell) != nil { return cell }
        return "'" + cell
    }

    /// The text of a cell ``neutralised(_:)`` wrote (an Otklik export read back): the leading `'` removed again.
    public static func restored(_ cell: String) -> String {
        guard cell.hasPrefix("'"), let second = cell.unicodeScalars.dropFirst().first, ["=", "+", "-", "@", "\t", "\r"].contains(second)
        else { return cell }
        return String(cell.dropFirst())
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
