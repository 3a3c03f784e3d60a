import ArgumentParser
import Foundation
import OtklikCore
import OtklikInterchange
import OtklikStore

/// The shared shape of the record imports (transcripts; requests and agent states through ``ChunkedRecordImport``): parse
/// a CSV or JSON file into records with line numbers, stop at the first bad one unless skipping, store all in one
/// transaction.
enum RecordFormat: String, ExpressibleByArgument {
    case csv, json
}

struct RecordImport<R: Sendable, Item: Decodable> {
    var file: String
    var format: RecordFormat
    var skipBad: Bool
    /// Reads a whole CSV text.
    var parseCSV: (String, Bool) throws -> (records: [ImportRecord<R>], skipped: [ImportProblem])
    /// Converts one JSON item.
    var convert: (Item) throws(OtklikError) -> R

    func parse(_ text: String) throws -> (records: [ImportRecord<R>], skipped: [ImportProblem]) {
        do {
            switch format {
            case .csv:
                return try parseCSV(text, skipBad)
            case .json:
                let items = try JSONDecoder().decode(ItemList.self, from: Data(text.utf8)).items
                var records: [ImportRecord<R>] = []
                var skipped: [ImportProblem] = []
                for (index, item) in items.enumerated() {
                    switch Result(catching: { () throws(OtklikError) -> R in try convert(item) }) {
                    case .success(let record):
                        records.append(ImportRecord(line: index + 1, record: record))
                    case .failure(let error):
                        guard skipBad else { throw OtklikError.invalid("item \(index + 1), field \(error.field ?? "?")", error.message) }
                        skipped.append(ImportProblem(line: index + 1, message: "\(error.field.map { "field \($0): " } ?? "")\(error.message)"))
                    }
                }
                return (records, skipped)
            }
        } catch let error as OtklikError {
            throw ChunkedImport.failure(file, error)
        } catch let error as DecodingError {
            throw CommandFailure("\(file): malformed JSON (\(error)); nothing was imported")
        }
    }

    /// A JSON array, or `{"items": [...]}`.
    struct ItemList: Decodable {
        var items: [Item]

        init(from decoder: any Decoder) throws {
            if let keyed = try? decoder.container(keyedBy: Keys.self), keyed.contains(.items) {
                items = try keyed.decode([Item].self, forKey: .items)
            } else {
                items = try [Item](from: decoder)
            }
        }

        enum Keys: String, CodingKey { case items }
    }

    /// Parses, reports skipped lines on standard error, stores in one transaction and prints the outcome.
    func run(_ text: String, noun: String, store: ([R]) async throws -> InsertOutcome) async throws {
        let (records, skipped) = try parse(text)
        note("Parsed \(records.count) \(noun); storing them in one transaction…")
        for problem in skipped.prefix(20) { note("  skipped \(problem)") }
        if skipped.count > 20 { note("  … and \(skipped.count - 20) more") }
        let outcome: InsertOutcome
        do {
            outcome = try await store(records.map(\.record))
        } catch let error as OtklikError {
            throw CommandFailure("\(file): \(ImportFeedbackCommand.locate(error, records.map(\.line))); nothing was imported")
        }
        let updated = outcome.updated.isEmpty ? "" : ", closed (status moved on) \(outcome.updated.count)"
        print("imported \(outcome.inserted.count)\(updated), already present \(outcome.duplicates.count), skipped \(skipped.count) bad lines")
    }
}
