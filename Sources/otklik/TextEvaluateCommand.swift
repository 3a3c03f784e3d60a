import ArgumentParser
import Foundation
import OtklikCore
import OtklikInterchange
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
        abstract: """
            Macro-F1 of the lexicon, naive Bayes and the linear model (k-fold cross-validated, fixed seed), beside the \
            majority baseline; with --test, of the linear model trained on --input and tested on another file.
            """)

    @OptionGroup var data: LabelledCSVOptions
    @Option(help: "Cross-validation folds.") var folds: Int = 5
    @Option(help: "Seed of the fold shuffle.") var seed: UInt64 = 42
    @Option(help: "Sentiment lexicon JSON replacing the shipped one.") var lexicon: String?
    @Option(help: "table or json.") var format: MetricsCommand.OutputFormat = .table
    @OptionGroup var training: LinearTrainingOptions
    @Option(
        help: """
            A second labelled file (same columns and mapping): train the linear model on all of --input and report \
            macro-F1 on this file instead of cross-validating (a cross-domain check).
            """)
    var test: String?

    func run() throws {
        guard (2...20).contains(folds) else { throw CommandFailure("--folds is 2-20") }
        let examples = try data.examples()
        let trainer = try training.trainer()
        if let test {
            var testData = data
            testData.input = test
            let testExamples = try testData.examples()
            let model = trainer.fit(trainer.encode(examples))
            let gold = testExamples.map(\.label)
            let predicted = LinearSentimentTrainer.predict(model, trainer.encode(testExamples))
            let scorer = LexiconSentimentScorer()
            let lexicon = testExamples.map { example in
                let prepared = PreparedText(example.text)
                return scorer.label(for: scorer.score(tokens: prepared.tokens, stems: prepared.stems))
            }
            print("trained on \(data.input) (\(examples.count) texts), tested on \(test) (\(testExamples.count) texts)")
            print(String(format: "lexicon only                macro-F1 %.3f", SentimentEvaluation.macroF1(gold: gold, predicted: lexicon)))
            print(String(format: "linear model                macro-F1 %.3f", SentimentEvaluation.macroF1(gold: gold, predicted: predicted)))
            return
        }
        let linear = trainer.crossValidate(trainer.encode(examples), folds: folds)
        let evaluation = SentimentEvaluation(
            folds: folds, seed: seed, lexicon: try lexicon.map { try loadJSON(SentimentLexicon.self, from: $0) } ?? .standard)
        let report = evaluation.evaluate(examples)
        let counts = SentimentLabel.allCases.compactMap { label in report.classCounts[label].map { "\(label.rawValue) \($0)" } }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            var object = try JSONSerialization.jsonObject(with: encoder.encode(report)) as? [String: Any] ?? [:]
            object["linearF1"] = linear.macroF1
            object["linearAccuracy"] = linear.accuracy
            print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted]), as: UTF8.self))
        case .table, .csv:
            print("\(data.input): \(report.examples) texts (\(counts.joined(separator: ", ")))")
            print(String(format: "majority baseline (%@)  macro-F1 %.3f", report.majorityLabel.rawValue, report.majorityF1))
            print(String(format: "lexicon only                macro-F1 %.3f", report.lexiconF1))
            print(String(format: "naive Bayes, %d-fold CV      macro-F1 %.3f", folds, report.bayesF1))
            print(String(format: "combined, %d-fold CV         macro-F1 %.3f  (accuracy %.3f)", folds, report.combinedF1, report.combinedAccuracy))
            print(String(format: "linear model, %d-fold CV     macro-F1 %.3f  (accuracy %.3f)", folds, linear.macroF1, linear.accuracy))
        }
    }
}

/// Options of the linear model's training, shared by `text train` and `text evaluate`.
struct LinearTrainingOptions: ParsableArguments {
    @Option(help: "L2 regularisation strength of the linear model.") var lambda: Double = 5e-5
    @Option(help: "Passes over the training texts.") var epochs: Int = 12
    @Option(help: "Hash buckets for word and character n-grams (model size: buckets × classes × 2 bytes).") var buckets: Int = 1 << 18
    @Option(help: "Character n-gram lengths, e.g. 3-5; 0 turns them off.") var charGrams: String = "3-5"
    @Flag(help: "Do not weight classes by inverse frequency.") var unbalanced = false

    func trainer() throws -> LinearSentimentTrainer {
        guard lambda >= 0, lambda < 1 else { throw CommandFailure("--lambda is 0…1") }
        guard (1...100).contains(epochs) else { throw CommandFailure("--epochs is 1-100") }
        guard (16...(1 << 24)).contains(buckets) else { throw CommandFailure("--buckets is 16-16777216") }
        let grams: ClosedRange<Int>?
        if charGrams == "0" {
            grams = nil
        } else {
            let parts = charGrams.split(separator: "-").compactMap { Int($0) }
            guard let low = parts.first, let high = parts.last, parts.count <= 2, 1 <= low, low <= high, high <= 8 else {
                throw CommandFailure("--char-grams is MIN-MAX within 1-8, or 0")
            }
            grams = low...high
        }
        return LinearSentimentTrainer(
            features: HashedSentimentFeatures(buckets: buckets, charGrams: grams), lambda: lambda, epochs: epochs, balanced: !unbalanced)
    }
}

struct TextTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: """
            Train a sentiment model from labelled texts and save it as JSON (for --model): regularised logistic regression \
            on word and character n-grams with negation marking and the lexicon's verdict, classes weighted by frequency.
            """)

    @OptionGroup var data: LabelledCSVOptions
    @OptionGroup var training: LinearTrainingOptions
    @Option(help: "Where to write the model JSON.") var output: String

    func run() throws {
        let examples = try data.examples()
        let model = try training.trainer().train(examples)
        guard model.classes.count >= 2 else { throw CommandFailure("training needs texts of at least two classes") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            try encoder.encode(model).write(to: URL(fileURLWithPath: output))
        } catch {
            throw CommandFailure("cannot write \(output): \(error)")
        }
        note("trained on \(examples.count) texts (\(model.classes.joined(separator: ", "))), \(model.usedFeatures) features used → \(output)")
    }
}
