/// Splits a byte stream into lines of text for the command line and imports, without ever holding more than
/// `maximumLineBytes` of one line: a longer line is skipped (and counted), not buffered.
///
/// Each line is decoded with `TextLineDecoder`; lines that fail (invalid UTF-8, binary) are reported, not fatal.
/// Feed chunks with `consume(_:)`, then call `finish()`.
public struct TextLineReader: Sendable {
    public let maximumLineBytes: Int
    private var buffer: [UInt8] = []
    private var discarding = false
    /// 1-based number of the line being read.
    public private(set) var lineNumber = 1

    public init(maximumLineBytes: Int = 1 << 20) {
        self.maximumLineBytes = maximumLineBytes
    }

    /// Lines completed by `chunk`, each decoded or with the reason it was rejected.
    public mutating func consume(_ chunk: some Sequence<UInt8>) -> [TextLine] {
        var lines: [TextLine] = []
        for byte in chunk {
            if byte == 0x0A {
                lines.append(takeLine())
                continue
            }
            if discarding { continue }
            if buffer.count >= maximumLineBytes {
                discarding = true
                buffer.removeAll(keepingCapacity: false)
                continue
            }
            buffer.append(byte)
        }
        return lines
    }

    /// The last line if the input did not end with a newline.
    public mutating func finish() -> [TextLine] {
        buffer.isEmpty && !discarding ? [] : [takeLine()]
    }

    private mutating func takeLine() -> TextLine {
        defer {
            buffer.removeAll(keepingCapacity: true)
            discarding = false
            lineNumber += 1
        }
        if discarding { return TextLine(number: lineNumber, result: .failure(.tooLong(maximumBytes: maximumLineBytes))) }
        if buffer.last == 0x0D { buffer.removeLast() }
        return TextLine(number: lineNumber, result: TextLineDecoder.decode(buffer))
    }
}

/// One line of input: its number and its text or why it was rejected.
public struct TextLine: Sendable, Equatable {
    public var number: Int
    public var result: Result<String, TextInputError>
}

/// Why a line of input was rejected.
public enum TextInputError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidUTF8
    case binary
    case tooLong(maximumBytes: Int)
    case invalidJSON(String)

    public var description: String {
        switch self {
        case .invalidUTF8: "not valid UTF-8"
        case .binary: "binary data (NUL or control bytes)"
        case .tooLong(let maximum): "line longer than \(maximum) bytes"
        case .invalidJSON(let reason): "invalid JSON: \(reason)"
        }
    }
}

/// Decodes the bytes of one line strictly: valid UTF-8 without NUL or other C0 control characters except tab.
public enum TextLineDecoder {
    public static func decode(_ bytes: [UInt8]) -> Result<String, TextInputError> {
        var hasControl = false
        for byte in bytes where byte < 0x20 && byte != 0x09 {
            hasControl = true
            break
        }
        if hasControl { return .failure(.binary) }
        guard let text = String(validating: bytes, as: UTF8.self) else { return .failure(.invalidUTF8) }
        return .success(text)
    }
}
