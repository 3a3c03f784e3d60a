import ArgumentParser
import Foundation
import OtklikText

/// Options shared by the `otklik text` commands that read comments.
struct TextInputOptions: ParsableArguments {
    @Option(help: "File to read (plain lines or JSONL with a \"text\" field); standard input when absent or -.")
    var input: String = "-"

    @Option(help: "auto (a line starting with { is JSON), lines or jsonl.")
    var format: TextInputFormat = .auto

    @Option(help: "Lines longer than this many bytes are skipped.")
    var maxLineBytes: Int = 1 << 20
}

enum TextInputFormat: String, ExpressibleByArgument {
    case auto, lines, jsonl
}

/// One text read from the input, with its `id` when a JSONL line carried one.
struct InputText {
    var text: String
    var id: Any?
}

/// Streams texts from a file or standard input in 64 KB chunks; bad lines are skipped and counted, and a summary is
/// written to standard error at the end.
struct TextInputStream {
    let options: TextInputOptions
    private(set) var skipped: [String: Int] = [:]
    private var reported = 0

    init(_ options: TextInputOptions) {
        self.options = options
    }

    /// Calls `body` for every readable text, in order.
    mutating func forEach(_ body: (InputText) throws -> Void) throws {
        let handle: FileHandle
        if options.input == "-" {
            handle = .standardInput
        } else {
            guard let file = FileHandle(forReadingAtPath: options.input) else { throw CommandFailure("cannot read \(options.input)") }
            handle = file
        }
        defer { if options.input != "-" { try? handle.close() } }
        var reader = TextLineReader(maximumLineBytes: max(options.maxLineBytes, 1))
        while true {
            let chunk = handle.readData(ofLength: 1 << 16)
            if chunk.isEmpty { break }
            for line in reader.consume(chunk) { try process(line, body) }
        }
        for line in reader.finish() { try process(line, body) }
        let total = skipped.values.reduce(0, +)
        if total > 0 {
            let reasons = skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            note("skipped \(total) line\(total == 1 ? "" : "s"): \(reasons)")
        }
    }

    private mutating func process(_ line: TextLine, _ body: (InputText) throws -> Void) throws {
        switch line.result {
        case .failure(let error):
            skip(line.number, error)
        case .success(let raw):
            if raw.trimmingCharacters(in: .whitespaces).isEmpty && options.format != .lines { return }
            let isJSON = options.format == .jsonl || (options.format == .auto && raw.first == "{")
            guard isJSON else { return try body(InputText(text: raw, id: nil)) }
            switch Self.parseJSON(raw) {
            case .success(let text): try body(text)
            case .failure(let error): skip(line.number, error)
            }
        }
    }

    private mutating func skip(_ number: Int, _ error: TextInputError) {
        let key: String
        switch error {
        case .invalidUTF8: key = "invalid UTF-8"
        case .binary: key = "binary"
        case .tooLong: key = "too long"
        case .invalidJSON: key = "invalid JSON"
        }
        skipped[key, default: 0] += 1
        if reported < 10 {
            note("line \(number): \(error), skipped")
            reported += 1
        }
    }

    static func parseJSON(_ line: String) -> Result<InputText, TextInputError> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            return .failure(.invalidJSON("not a JSON object"))
        }
        guard let text = object["text"] as? String else { return .failure(.invalidJSON("no \"text\" string")) }
        return .success(InputText(text: text, id: object["id"]))
    }
}

/// Buffers JSONL output and writes it to standard output in large chunks.
struct JSONLWriter {
    private var buffer = Data()

    mutating func write(_ object: [String: Any]) throws {
        buffer.append(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// A line built by hand (the hot path of `text sentiment`, where JSONSerialization would dominate the time).
    mutating func writeRaw(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A JSON string literal for `text`.
func jsonString(_ text: String) -> String {
    if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
        return "\"" + text + "\""  // nothing to escape: the common case
    }
    var out = "\""
    out.reserveCapacity(text.utf8.count + 2)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// Decodes a JSON file into a value, with a one-line error naming the file.
func loadJSON<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
    guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("cannot read \(path)") }
    do {
        return try JSONDecoder().decode(type, from: data)
    } catch {
        throw CommandFailure("\(path): not a valid \(type) JSON file (\(error))")
    }
}

/// Reads a sentiment model file of either kind, with a one-line error naming the file.
func loadSentimentModel(from path: String) throws -> TrainedSentimentModel {
    guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("cannot read \(path)") }
    do {
        return try TrainedSentimentModel.decode(data)
    } catch {
        throw CommandFailure("\(path): not a sentiment model from `otklik text train` (\(error))")
    }
}

/// `value` with four decimals (−0.1234), without Foundation's slow `String(format:)`.
func fourDecimals(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let scaled = Int((abs(value) * 10_000).rounded())
    let fraction = String(scaled % 10_000)
    let sign = value < 0 && scaled > 0 ? "-" : ""
    return sign + String(scaled / 10_000) + "." + String(repeating: "0", count: 4 - fraction.count) + fraction
}
