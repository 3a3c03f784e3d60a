import ArgumentParser
import Foundation
import OtklikCore
import OtklikText

/// Options for reading a labelled CSV: which columns hold the text and the label, and how labels map.
struct LabelledCSVOptions: ParsableArguments {
    @Option(help: "CSV (or TSV) file with a header row.") var input: String
    @Option(help: "Column holding the text.") var textColumn: String = "text"
    @Option(help: "Column holding the label.") var labelColumn: String = "label"
    @Option(help: "Field delimiter: a character or `tab`.") var delimiter: String = ","
    @Option(
        help: """
            Label mapping, e.g. "both=neutral,absence=" (an empty target drops the row). Without it: negative/neutral/\
            positive as they are, -1/0/1, and 0/1 for two-class sets.
            """)
    var map: String?

    func examples() throws -> [(text: String, label: SentimentLabel)] {
        guard delimiter == "tab" || delimiter.count == 1 else { throw CommandFailure("--delimiter is one character or tab") }
        let separator: Character = delimiter == "tab" ? "\t" : Character(delimiter)
        var reader = CSVReader(text: try readInput(input), delimiter: separator)
        let rows: [[String]]
        do {
            rows = try reader.all().map(\.cells)
        } catch {
            throw CommandFailure("\(input): \(error)")
        }
        guard let header = rows.first else { throw CommandFailure("\(input) is empty") }
        guard let textIndex = header.firstIndex(of: textColumn) else { throw CommandFailure("no column \(textColumn) in \(input)") }
        guard let labelIndex = header.firstIndex(of: labelColumn) else { throw CommandFailure("no column \(labelColumn) in \(input)") }
        var mapping: [String: String] = [:]
        for pair in (map ?? "").split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { throw CommandFailure("--map wants from=to pairs, got \(pair)") }
            mapping[parts[0]] = parts[1]
        }
        let body = rows.dropFirst().filter { $0.count > max(textIndex, labelIndex) }
        let values = Set(body.map { $0[labelIndex] })
        let twoClass = values.isSubset(of: ["0", "1"])
        var dropped = 0
        var examples: [(text: String, label: SentimentLabel)] = []
        for row in body {
            let raw = row[labelIndex]
            let value = mapping[raw] ?? raw
            let label: SentimentLabel?
            switch value {
            case "-1": label = .negative
            case "0": label = twoClass && mapping[raw] == nil ? .negative : .neutral
            case "1": label = .positive
            default: label = SentimentLabel(rawValue: value)
            }
            if let label { examples.append((row[textIndex], label)) } else { dropped += 1 }
        }
        if dropped > 0 { note("dropped \(dropped) rows whose label maps to no sentiment") }
        guard !examples.isEmpty else { throw CommandFailure("no labelled rows in \(input)") }
        return examples
    }
}

struct TextEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Macro-F1 of the lexicon, naive Bayes (k-fold cross-validated, fixed seed) and both combined, beside the majority baseline.")

    @OptionGroup var data: LabelledCSVOptions
    @Option(help: "Cross-validation folds.") var folds: Int = 5
    @Option(help: "Seed of the fold shuffle.") var seed: UInt64 = 42
    @Option(help: "Sentiment lexicon JSON replacing the shipped one.") var lexicon: String?
    @Option(help: "table or json.") var format: MetricsCommand.OutputFormat = .table

    func run() throws {
        guard (2...20).contains(folds) else { throw CommandFailure("--folds is 2-20") }
        let examples = try data.examples()
        let evaluation = SentimentEvaluation(
            folds: folds, seed: seed, lexicon: try lexicon.map { try loadJSON(SentimentLexicon.self, from: $0) } ?? .standard)
        let report = evaluation.evaluate(examples)
        let counts = SentimentLabel.allCases.compactMap { label in report.classCounts[label].map { "\(label.rawValue) \($0)" } }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        case .table, .csv:
            print("\(data.input): \(report.examples) texts (\(counts.joined(separator: ", ")))")
            print(String(format: "majority baseline (%@)  macro-F1 %.3f", report.majorityLabel.rawValue, report.majorityF1))
            print(String(format: "lexicon only                macro-F1 %.3f", report.lexiconF1))
            print(String(format: "naive Bayes, %d-fold CV      macro-F1 %.3f", folds, report.bayesF1))
            print(String(format: "combined, %d-fold CV         macro-F1 %.3f  (accuracy %.3f)", folds, report.combinedF1, report.combinedAccuracy))
        }
    }
}

struct TextTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train a naive Bayes sentiment model from labelled texts and save it as JSON (for --model).")

    @OptionGroup var data: LabelledCSVOptions
    @Option(help: "Where to write the model JSON.") var output: String
    @Option(help: "Keep only features seen in at least this many texts.") var minDocuments: Int = 2

    func run() throws {
        let examples = try data.examples()
        let lexicon = SentimentLexicon.standard
        var model = NaiveBayesModel(classes: SentimentLabel.allCases.map(\.rawValue).filter { label in examples.contains { $0.label.rawValue == label } })
        model.train(examples.map { example in
            let prepared = PreparedText(example.text)
            return (SentimentFeatures.extract(tokens: prepared.tokens, stems: prepared.stems, negators: lexicon.negatorWords), example.label.rawValue)
        })
        model.prune(minDocuments: max(minDocuments, 1))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            try encoder.encode(model).write(to: URL(fileURLWithPath: output))
        } catch {
            throw CommandFailure("cannot write \(output): \(error)")
        }
        note("trained on \(examples.count) texts, \(model.featureCounts.count) features → \(output)")
    }
}
