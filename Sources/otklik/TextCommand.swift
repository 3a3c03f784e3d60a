import ArgumentParser
import Foundation
import OtklikText

struct TextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "Text analytics in Russian and English: sentiment, themes, readability, service-standard checks.",
        discussion: """
            Reads plain lines or JSONL ({"text": …, "id": …}) from --input or standard input and writes one JSON \
            object per line. Invalid UTF-8, binary and overlong lines are skipped and counted on standard error.
            """,
        subcommands: [
            TextSentimentCommand.self, TextThemesCommand.self, TextReadabilityCommand.self, TextCheckStandardCommand.self,
            TextEvaluateCommand.self, TextTrainCommand.self, TextReanalyzeCommand.self,
        ])
}

/// Options that choose the lexicon, model and taxonomy.
struct TextModelOptions: ParsableArguments {
    @Option(help: "Model JSON from `otklik text train` (linear, or naive Bayes from earlier versions); the lexicon alone when absent.")
    var model: String?

    @Option(help: "Sentiment lexicon JSON replacing the shipped one.")
    var lexicon: String?

    @Option(help: "Theme taxonomy JSON replacing the shipped one.")
    var taxonomy: String?

    func analyzer() throws -> TextAnalyzer {
        TextAnalyzer(
            lexicon: try lexicon.map { try loadJSON(SentimentLexicon.self, from: $0) } ?? .standard,
            trained: try model.map { try loadSentimentModel(from: $0) },
            taxonomy: try taxonomy.map { try loadJSON(ThemeTaxonomy.self, from: $0) } ?? .standard)
    }
}

/// `{"text", "lang", "label", "score", "themes"}` for every comment, written by hand for speed.
func writeAnalysis(_ analysis: TextAnalysis, of input: InputText, to writer: inout JSONLWriter) {
    var line = "{"
    if let id = input.id {
        if let id = id as? String { line += "\"id\":\(jsonString(id)),"} else if let id = id as? NSNumber { line += "\"id\":\(id),"}
    }
    line += "\"label\":\"\(analysis.label.rawValue)\",\"lang\":\(analysis.lang.map { "\"\($0)\"" } ?? "null")"
    if analysis.mixed { line += ",\"mixed\":true" }
    line += ",\"score\":\(fourDecimals(analysis.score)),\"text\":\(jsonString(input.text))"
    line += ",\"themes\":[\(analysis.themes.map { "\"\($0)\"" }.joined(separator: ","))]}"
    writer.writeRaw(line)
}

struct TextSentimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentiment", abstract: "Sentiment (negative/neutral/positive, score −1…1), language and themes of each line.")

    @OptionGroup var input: TextInputOptions
    @OptionGroup var models: TextModelOptions

    func run() throws {
        let analyzer = try models.analyzer()
        var stream = TextInputStream(input)
        var writer = JSONLWriter()
        try stream.forEach { writeAnalysis(analyzer.analyze($0.text), of: $0, to: &writer) }
        writer.flush()
    }
}

struct TextThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "Themes of each line; with --discover, new recurring themes of the negative lines instead.")

    @OptionGroup var input: TextInputOptions
    @OptionGroup var models: TextModelOptions
    @Flag(help: "Propose uncovered recurring n-grams of negative comments, ranked, one JSON object each.")
    var discover = false
    @Option(help: "With --discover: how many to propose.") var limit = 20
    @Option(help: "With --discover: the fewest negative comments a theme must appear in.") var minComments = 3

    func run() throws {
        let analyzer = try models.analyzer()
        var stream = TextInputStream(input)
        var writer = JSONLWriter()
        guard discover else {
            try stream.forEach { writeAnalysis(analyzer.analyze($0.text), of: $0, to: &writer) }
            return writer.flush()
        }
        var discovery = ThemeDiscovery(taxonomy: analyzer.themes.taxonomy, lexicon: analyzer.sentiment.scorer.lexicon)
        discovery.minimumComments = max(minComments, 1)
        var negative: [[String: String]] = []
        var negativeTexts: [String] = []
        var all: [[String: String]] = []
        try stream.forEach { input in
            let prepared = PreparedText(input.text)
            let candidates = discovery.candidates(tokens: prepared.tokens, stems: prepared.stems)
            all.append(candidates)
            if analyzer.sentiment.classify(tokens: prepared.tokens, stems: prepared.stems).label == .negative {
                negative.append(candidates)
                negativeTexts.append(input.text)
            }
        }
        for theme in discovery.discover(negative: negative, all: all, limit: max(limit, 1)) {
            try writer.write([
                "phrase": theme.phrase, "stems": theme.stems, "negative_comments": theme.negativeComments,
                "all_comments": theme.allComments, "score": (theme.score * 100).rounded() / 100,
                "examples": theme.exampleIndices.map { negativeTexts[$0] },
            ])
        }
        writer.flush()
        note("\(negative.count) negative of \(all.count) comments")
    }
}

struct TextReadabilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "readability",
        abstract: "Reading ease (Flesch for English, Oborneva for Russian) and trigger words of each line.")

    @OptionGroup var input: TextInputOptions
    @Option(help: "Trigger-word list JSON ({\"words\": [...]}) replacing the shipped one.") var triggers: String?

    func run() throws {
        let checker = TriggerWordChecker(list: try triggers.map { try loadJSON(TriggerWordList.self, from: $0) } ?? .standard)
        var stream = TextInputStream(input)
        var writer = JSONLWriter()
        try stream.forEach { input in
            let readability = ReadabilityScorer.score(input.text)
            var object: [String: Any] = [
                "text": input.text, "lang": readability.language, "sentences": readability.sentences,
                "words": readability.words, "syllables": readability.syllables,
                "readability": readability.score.map { ($0 * 10).rounded() / 10 } ?? NSNull(),
                "level": readability.level ?? NSNull(), "triggers": checker.check(input.text).map(\.word),
            ]
            if let id = input.id { object["id"] = id }
            try writer.write(object)
        }
        writer.flush()
    }
}

struct TextCheckStandardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-standard",
        abstract: "Check each transcript (one per line) against an event of a service standard: score 0-100 and items met/missed.")

    @OptionGroup var input: TextInputOptions
    @Option(help: "Service standard JSON; the shipped red-button example when absent.") var standard: String?
    @Option(help: "Event code in the standard; its first event when absent.") var event: String?
    @Option(help: "Share of a phrase's stems that must be found in order.") var coverage: Double = 0.8

    func run() throws {
        let standard = try standard.map { try loadJSON(ServiceStandard.self, from: $0) } ?? .example
        guard let chosen = event.map({ standard.event($0) }) ?? standard.events.first else {
            throw CommandFailure("the standard has no event \(event ?? "")")
        }
        guard (0...1).contains(coverage) else { throw CommandFailure("--coverage is 0-1") }
        let checker = StandardComplianceChecker(phraseCoverage: coverage)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var stream = TextInputStream(input)
        var writer = JSONLWriter()
        try stream.forEach { input in
            let report = checker.check(input.text, against: chosen)
            var object = try JSONSerialization.jsonObject(with: encoder.encode(report)) as? [String: Any] ?? [:]
            object["text"] = input.text
            if let id = input.id { object["id"] = id }
            try writer.write(object)
        }
        writer.flush()
    }
}
