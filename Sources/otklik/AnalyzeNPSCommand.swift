import ArgumentParser
import Foundation
import OtklikMetrics

/// `otklik analyze nps`: NPS with non-responders three ways beside the AAPOR response rates (``NonResponderNPS``, ``ResponseRates``).
struct AnalyzeNPSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nps",
        abstract: "NPS of respondents only, with non-responders as passives and as detractors, and the response rate.",
        discussion: """
            From counts: P promoters and D detractors among n respondents, N invited (NR = N − n silent).
            Respondents only 100·(P − D)/n; non-responders as passives 100·(P − D)/N; as detractors 100·(P − D − NR)/N;
            each with its n and a 95 % adjusted-Wald interval. With outcome counts (--partial, --refusal, --non-contact,
            --other, --unknown, adding up to N with the respondents) the AAPOR RR1 and RR2 are shown too; the respondents are the completes.
            """)

    @Option(help: "Promoters (9-10) among the respondents.") var promoters: Int
    @Option(help: "Detractors (0-6) among the respondents.") var detractors: Int
    @Option(help: "Respondents who completed the survey.") var respondents: Int
    @Option(help: "Customers invited.") var invited: Int
    @Option(help: "AAPOR: partial interviews.") var partial: Int = 0
    @Option(help: "AAPOR: refusals and break-offs.") var refusal: Int = 0
    @Option(help: "AAPOR: non-contacts.") var nonContact: Int = 0
    @Option(help: "AAPOR: other eligible non-interviews.") var other: Int = 0
    @Option(help: "AAPOR: cases of unknown eligibility.") var unknown: Int = 0
    @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

    struct Output: Encodable {
        var nps: NonResponderNPS
        var rr1: Double?
        var rr2: Double?
    }

    func run() async throws {
        guard [partial, refusal, nonContact, other, unknown].allSatisfy({ $0 >= 0 }) else { throw CommandFailure("outcome counts cannot be negative") }
        guard let nps = NonResponderNPS(promoters: promoters, detractors: detractors, respondents: respondents, invited: invited) else {
            throw CommandFailure("need promoters + detractors ≤ respondents, 0 < respondents ≤ invited")
        }
        let outcomes = partial + refusal + nonContact + other + unknown
        guard outcomes == 0 || respondents + outcomes == invited else {
            throw CommandFailure("respondents + partial + refusal + non-contact + other + unknown must add up to --invited (\(respondents + outcomes) ≠ \(invited))")
        }
        let rates = ResponseRates(complete: respondents, partial: partial, refusal: refusal, nonContact: nonContact, other: other, unknownOther: unknown)
        let output = Output(nps: nps, rr1: outcomes > 0 ? rates.rr1 : nil, rr2: outcomes > 0 ? rates.rr2 : nil)
        switch format {
        case .json:
            try printJSON(output)
        case .table:
            var rate = "response rate n/N = \(decimal(nps.responseRate * 100, 1)) %"
            if outcomes > 0 {
                rate += ", AAPOR RR1 = \(decimal(output.rr1.map { $0 * 100 }, 1)) %, RR2 = \(decimal(output.rr2.map { $0 * 100 }, 1)) %"
            }
            print("NPS with non-responders: \(respondents) of \(invited) invited answered (\(rate))")
            let rows = [("respondents only", nps.respondentsOnly), ("non-responders as passives", nps.nonRespondersAsPassives),
                        ("non-responders as detractors", nps.nonRespondersAsDetractors)]
            printColumns([["assumption", "NPS", "n", "95 % interval"]] + rows.map { name, variant in
                [name, decimal(variant.nps, 1), String(variant.n), variant.interval.map { "\(decimal($0.low, 1)) … \(decimal($0.high, 1))" } ?? ""]
            })
        }
    }
}
