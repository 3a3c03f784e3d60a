import OtklikCore
import OtklikInterchange
import Testing

@testable import OtklikText

@Suite struct InputTests {
    @Test func decodesValidAndRejectsInvalidUTF8AndBinary() {
        #expect(TextLineDecoder.decode(Array("Привет 👍".utf8)) == .success("Привет 👍"))
        #expect(TextLineDecoder.decode([0xD0]) == .failure(.invalidUTF8))
        #expect(TextLineDecoder.decode([0xFF, 0xFE, 0x41]) == .failure(.invalidUTF8))
        #expect(TextLineDecoder.decode([0x41, 0x00, 0x42]) == .failure(.binary))
        #expect(TextLineDecoder.decode(Array("a\tb".utf8)) == .success("a\tb"))
    }

    @Test func readerSplitsChunksAndSkipsOverlongLines() {
        var reader = TextLineReader(maximumLineBytes: 10)
        var lines = reader.consume(Array("first\r\nsec".utf8))
        lines += reader.consume(Array("ond\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 50) + [0x0A])
        lines += reader.consume([0xC3, 0x28, 0x0A] + Array("last".utf8))
        lines += reader.finish()
        #expect(lines.map(\.number) == [1, 2, 3, 4, 5])
        #expect(lines[0].result == .success("first"))
        #expect(lines[1].result == .success("second"))
        #expect(lines[2].result == .failure(.tooLong(maximumBytes: 10)))
        #expect(lines[3].result == .failure(.invalidUTF8))
        #expect(lines[4].result == .success("last"))
    }

    @Test func csvHandlesQuotesNewlinesAndDelimiters() throws {
        var reader = CSVReader(text: "text,label\n\"a, \"\"quoted\"\"\nline\",positive\nplain,negative\n")
        #expect(try reader.all().map(\.cells) == [["text", "label"], ["a, \"quoted\"\nline", "positive"], ["plain", "negative"]])
        var tabs = CSVReader(text: "a\tb\n", delimiter: "\t")
        #expect(try tabs.all().map(\.cells) == [["a", "b"]])
    }
}
