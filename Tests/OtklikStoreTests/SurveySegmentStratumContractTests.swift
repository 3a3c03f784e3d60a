import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// A segment as a survey stratum (issue 18 item 7), on both engines: the definition names defined segments only (422
/// naming the field), each interaction falls in the first listed segment its customer belongs to at sampling time —
/// found by the client's id or by its contact, as the invitation links it — else in `other`; quotas fill per segment
/// and the design weights 1/π are per segment stratum; the results give each stratum's figures.
@Suite struct SurveySegmentStratumContractTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T11:06:40Z
    static let phone = "+7 900 000-00-01"

    static func sampling(_ segments: [String] = ["vip", "gold"]) -> SurveySampling {
        SurveySampling(
            method: .quota, strata: ["segment"], targets: ["vip": 1, "gold": 2, "other": 1], defaultTarget: 0, period: "day", fatigueDays: 0,
            seed: 3, segments: segments)
    }

    static func survey(_ sampling: SurveySampling = sampling()) -> Survey {
        var survey = SurveyRepositoryContractTests.survey("strata", sampling: sampling)
        survey.maxQuestions = 1
        return survey
    }

    static func visit(_ id: String, customer: String? = nil, contact: String? = nil, days: Double = 0) -> SurveyInteraction {
        SurveyInteraction(id: id, at: now.addingTimeInterval(days * 86_400 + 60), customer: customer, location: "L1", channel: "terminal", contact: contact)
    }

    static func define(_ database: AppDatabase) async throws {
        try await database.segments.define(
            ["vip", "gold"].map { Segment(code: $0, nameRu: $0, nameEn: $0, rules: [SegmentRule(attribute: .purchases, op: .gte, value: .number(1))]) },
            now: now)
    }

    static func field(_ body: () async throws -> Void) async -> String? {
        do { try await body() } catch let error as OtklikError { return "\(error.code.rawValue) \(error.field ?? "")" } catch { return "\(error)" }
        return nil
    }

    @Test(arguments: TestEngine.available)
    func definitionsNameDefinedSegmentsInOrder(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let surveys = database.surveys
            // Unknown segment: refused naming the item, nothing stored.
            try await database.segments.define(
                [Segment(code: "vip", nameRu: "vip", nameEn: "vip", rules: [SegmentRule(attribute: .purchases, op: .gte, value: .number(1))])], now: Self.now)
            #expect(await Self.field { try await surveys.create(Self.survey(), now: Self.now) } == "invalid_input sampling.segments[1]")
            #expect(try await surveys.survey(code: "strata") == nil)
            var none = Self.sampling([])
            #expect(await Self.field { try await surveys.create(Self.survey(none), now: Self.now) } == "invalid_input sampling.segments")
            none.strata = ["location"]
            none.segments = ["vip"]
            #expect(await Self.field { try await surveys.create(Self.survey(none), now: Self.now) } == "invalid_input sampling.segments", "segments without the segment stratum")
            #expect(await Self.field { try await surveys.create(Self.survey(Self.sampling(["vip", "other"])), now: Self.now) } == "invalid_input sampling.segments[1]")
            #expect(await Self.field { try await surveys.create(Self.survey(Self.sampling(["vip", "vip"])), now: Self.now) } == "invalid_input sampling.segments[1]")
            try await Self.define(database)
            #expect(try await surveys.create(Self.survey(), now: Self.now))
            #expect(try await surveys.create(Self.survey(), now: Self.now) == false, "the same definition again")
            #expect(try await surveys.survey(code: "strata")?.sampling.segments == ["vip", "gold"])
            // An update naming an unknown segment is refused as well, and the stored definition kept.
            var renamed = Self.survey(Self.sampling(["vip", "platinum"]))
            renamed.code = "strata"
            #expect(await Self.field { try await surveys.update(renamed, now: Self.now) } == "invalid_input sampling.segments[1]")
            #expect(try await surveys.survey(code: "strata")?.sampling.segments == ["vip", "gold"])
            // Sampling it without the memberships is refused, nothing decided.
            #expect(await Self.field { _ = try await surveys.sample(survey: "strata", [Self.visit("x", customer: "C1")], now: Self.now, deliver: false) }
                == "unavailable sampling")
            #expect(try await surveys.invitations(survey: "strata").isEmpty)
        }
    }

    @Test(arguments: TestEngine.available)
    func quotasAndDesignWeightsPerSegmentStratum(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let surveys = database.surveys
            try await Self.define(database)
            try await surveys.create(Self.survey(), now: Self.now)
            // The customer known only by a phone: created by an earlier invitation of another survey, its id derived from the phone.
            try await surveys.create(SurveyRepositoryContractTests.survey("seed", sampling: .everyone), now: Self.now)
            _ = try await surveys.sample(survey: "seed", [Self.visit("s0", contact: Self.phone, days: -1)], now: Self.now, deliver: false)
            let phoneCustomer = CustomerResolver.customerID(try #require(IdentityNormalizer.contact(Self.phone).identity))

            // Memberships at sampling time: C2 is in both (vip comes first), the phone's customer is gold, C4 and C5 in none.
            let asOf = Self.now.addingTimeInterval(-30)
            let day0: SegmentMemberships = { codes in
                #expect(codes == ["vip", "gold"], "called with the survey's segments in its order")
                return SegmentStratum(order: codes, members: ["vip": ["C1", "C2"], "gold": ["C2", "C3", phoneCustomer]], asOf: asOf)
            }
            let items = [
                Self.visit("i1", customer: "C1"), Self.visit("i2", customer: "C2"), Self.visit("i3", customer: "C3"),
                Self.visit("i4", contact: Self.phone), Self.visit("i5", customer: "C4"), Self.visit("i6"), Self.visit("i7", customer: "C5"),
            ]
            let results = try await surveys.sample(survey: "strata", items, now: Self.now, deliver: false, segments: day0)
            #expect(results.map(\.stratum) == ["vip", "vip", "gold", "gold", "other", "other", "other"])
            #expect(results.map(\.outcome) == ["invited", "quota_full", "invited", "invited", "invited", "quota_full", "quota_full"])
            #expect(results[0].explanation.hasPrefix("invited [vip] (quota 1/1)") && results[0].explanation.contains("; segments as of 2026-11-18T11:06:10"))
            // A replay is the first decision, whatever the memberships say now.
            let moved: SegmentMemberships = { codes in SegmentStratum(order: codes, members: ["gold": ["C1"]], asOf: Self.now) }
            let replay = try await surveys.sample(survey: "strata", [Self.visit("i1", customer: "C1")], now: Self.now, deliver: false, segments: moved)
            #expect(replay[0].duplicate && replay[0].stratum == "vip")

            // 1/π per stratum and day: vip 2 seen / 1 invited, gold 2 / 2, other 3 / 1.
            let invitations = Dictionary(uniqueKeysWithValues: try await surveys.invitations(survey: "strata").map { ($0.interaction ?? "", $0) })
            #expect(invitations.values.map { $0.stratum ?? "" }.sorted() == ["gold", "gold", "other", "vip"])
            let weights = try await surveys.designWeights(survey: "strata")
            let byInteraction = Dictionary(uniqueKeysWithValues: invitations.map { ($0.key, weights[$0.value.id] ?? .nan) })
            #expect(byInteraction == ["i1": 2, "i3": 1, "i4": 1, "i5": 3])

            // The next day C4 has joined vip: its stratum follows the membership at that sampling, the quotas start again.
            let day1: SegmentMemberships = { codes in SegmentStratum(order: codes, members: ["vip": ["C4"]], asOf: Self.now.addingTimeInterval(86_400)) }
            let next = try await surveys.sample(
                survey: "strata", [Self.visit("j1", customer: "C4", days: 1), Self.visit("j2", customer: "C1", days: 1)], now: Self.now.addingTimeInterval(86_400),
                deliver: false, segments: day1)
            #expect(next.map(\.stratum) == ["vip", "other"] && next.map(\.outcome) == ["invited", "invited"])

            // Answers: C1 10, C3 0, the phone's customer 9, C4 6 (day 0); day 1's two do not answer.
            for (interaction, score) in [("i1", 10), ("i3", 0), ("i4", 9), ("i5", 6)] {
                let id = try #require(invitations[interaction]?.id)
                try await surveys.respond(invitation: id, answers: [SurveyAnswer(question: "nps", score: score)], status: .completed, now: Self.now)
            }
            let survey = try #require(try await surveys.survey(code: "strata"))
            let all = try await surveys.invitations(survey: "strata")
            let report = SurveyResults(
                survey: survey, invitations: all, answers: try await surveys.answers(survey: "strata"), weights: try await surveys.designWeights(survey: "strata"))
            // By hand and by scripts/reference/segment_strata.py: weights 2 (P), 1 (D), 1 (P), 3 (D) and day 1's 1 and 1
            // without answers. NPS = 100·(3 − 4)/7 = −14.2857, n_eff = 7²/(4 + 1 + 1 + 9) = 3.2667, half-width
            // 1.96·√((3/7 + 4/7 − (1/7)²)/3.2667) = 1.0733: [−100; 93.0436].
            let weighted = try #require(report.nps?.designWeighted)
            #expect(abs(weighted.value - -14.285714) < 1e-5 && weighted.n == 4 && abs(weighted.effectiveN - 3.266667) < 1e-5)
            #expect(weighted.ciLow == -100 && abs(weighted.ciHigh - 93.043576) < 1e-5)
            #expect(report.strata.map(\.stratum) == ["vip", "gold", "other"], "the survey's order, then other")
            #expect(report.strata.map(\.invitations) == [2, 2, 2] && report.strata.map(\.respondents) == [1, 2, 1])
            #expect(report.strata.map(\.eligible) == [3, 2, 4], "Σ 1/π: vip 2 + 1 (day 1), gold 1 + 1, other 3 + 1 (day 1)")
            let shares = report.strata.compactMap(\.share)
            #expect(zip(shares, [3.0 / 9, 2.0 / 9, 4.0 / 9]).allSatisfy { abs($0 - $1) < 1e-12 })
            let rates = report.strata.compactMap(\.responseRate)
            #expect(rates.map(\.value) == [50, 100, 50] && rates.map(\.n) == [2, 2, 2])
            // Wilson 95 % for 1 of 2: [9.4531; 90.5469] %, for 2 of 2: [34.2380; 100] %.
            #expect(abs((rates[0].ciLow ?? .nan) - 9.453121) < 1e-5 && abs((rates[1].ciLow ?? .nan) - 34.238023) < 1e-5 && rates[1].ciHigh == 100)
            let gold = try #require(report.strata[1].integral)
            // Gold: P 1, D 1, n 2: NPS 0, adjusted Wald (n + 3, ¾ added to P and D) [−73.3351; 73.3351].
            #expect(gold.value == 0 && gold.n == 2 && abs((gold.ciHigh ?? .nan) - 73.335137) < 1e-5 && abs((gold.ciLow ?? .nan) + 73.335137) < 1e-5)
            #expect(report.strata[0].integral?.value == 100 && report.strata[2].integral?.value == -100)
            #expect(abs((report.strata[0].integral?.ciLow ?? .nan) + 48.498649) < 1e-5, "vip: P 1 of 1, centred on the adjusted estimate")
            #expect(report.strata.allSatisfy { $0.designWeighted == nil }, "one respondent per stratum, or equal weights: no weighted figure apart")
            #expect(report.strataDefinition?.contains("segment: the first of vip, gold the customer was a member of at sampling time, else other") == true)
        }
    }
}
