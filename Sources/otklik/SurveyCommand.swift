import ArgumentParser
import Foundation
import OtklikCore
import OtklikInterchange
import OtklikMetrics
import OtklikStore

struct SurveyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "Surveys: list, create from JSON, results, and the responses as CSV.",
        discussion: "The JSON is the body of POST /api/v1/surveys (see README, \"Surveys\").",
        subcommands: [List.self, Create.self, Results.self, Export.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every survey: code, purpose, questions, K, invitations, RR1.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withDatabase(common) { database in
                for survey in try await database.surveys.surveys() {
                    let results = SurveyResults(survey: survey, invitations: try await database.surveys.invitations(survey: survey.code), answers: [:])
                    let rr1 = results.responseRates.rr1.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
                    print([survey.code, survey.purpose.rawValue, "\(survey.questions.count) questions", "K=\(survey.maxQuestions)",
                           "\(results.outcomes.total) invitations", "RR1 \(rr1)", survey.titleEn].joined(separator: "\t"))
                }
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a survey from a JSON file (- for standard input).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "JSON file with the survey.") var file: String

        func run() async throws {
            let text = try readInput(file)
            let survey: Survey
            do {
                survey = try JSONDecoder().decode(Survey.self, from: Data(text.utf8))
            } catch {
                throw CommandFailure("\(file) is not a survey: \(error)")
            }
            try await withDatabase(common) { database in
                let created = try await database.surveys.create(survey, now: Date())
                print(created ? "created \(survey.code)" : "\(survey.code) already stored with this definition")
            }
        }
    }

    struct Results: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A survey's results as JSON (the same as GET /api/v1/surveys/CODE/results).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Survey code.") var code: String
        @Option(help: "Only invitations at this location.") var location: String?
        @Option(help: "Only invitations with this staff member.") var staff: String?
        @Option(help: "Only invitations for this service.") var service: String?
        @Option(help: "Only invitations in this channel.") var channel: String?
        @Option(help: "Invited from (ISO date or time, inclusive).") var from: String?
        @Option(help: "Invited before (ISO date or time, exclusive).") var to: String?
        @Option(help: "Baseline wave to compare the integral score with: invited from (ISO date or time, inclusive).") var compareFrom: String?
        @Option(help: "Baseline wave: invited before (ISO date or time, exclusive).") var compareTo: String?

        func run() async throws {
            var query: [String: String] = [:]
            let options = [
                ("location", location), ("staff", staff), ("service", service), ("channel", channel), ("from", from), ("to", to),
                ("compare_from", compareFrom), ("compare_to", compareTo),
            ]
            for (name, value) in options { if let value { query[name] = value } }
            // Bad dates are refused before the database is opened; a date is the organisation's day, as in the API.
            do {
                _ = try InvitationFilter(query: query)
                _ = try InvitationFilter.baseline(query: query)
            } catch { throw CommandFailure(error.message) }
            try await withDatabase(common) { database in
                let organisation = try await database.reference.organisation()
                let zone = TimeZone(identifier: organisation.timezone) ?? TimeZone(identifier: "UTC")!
                let filter = try InvitationFilter(query: query, zone: zone)
                let baseline = try InvitationFilter.baseline(query: query, zone: zone)
                guard let survey = try await database.surveys.survey(code: code) else { throw CommandFailure("no survey '\(code)'") }
                let all = try await database.surveys.invitations(survey: code)
                let answers = try await database.surveys.answers(survey: code)
                var results = SurveyResults(
                    survey: survey, invitations: all.filter(filter.matches), answers: answers, weights: try await database.surveys.designWeights(survey: code))
                if let baseline {
                    results.change = SurveyChange(survey: survey, baseline: all.filter(baseline.matches), current: all.filter(filter.matches), answers: answers)
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(results), as: UTF8.self))
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The responses as CSV: one row per invitation, one column per question.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Survey code.") var code: String
        @Option(name: .shortAndLong, help: "Output file (default: standard output).") var output: String?

        func run() async throws {
            try await withDatabase(common) { database in
                guard let survey = try await database.surveys.survey(code: code) else { throw CommandFailure("no survey '\(code)'") }
                let csv = try await SurveyCSV.export(survey, from: database.surveys)
                if let output {
                    try csv.write(toFile: output, atomically: true, encoding: .utf8)
                    note("wrote \(output)")
                } else {
                    print(csv, terminator: "")
                }
            }
        }
    }
}
