/// A survey's sampling plan as stored and posted (`OtklikMetrics.SamplingPlan` does the work):
/// `{"method": "simple", "probability": 0.2}`, `{"method": "systematic", "interval": 10, "strata": ["location"]}` or
/// `{"method": "quota", "strata": ["location", "daypart"], "targets": {"L01 × morning": 30}, "default_target": 20,
/// "period": "day", "spread_probability": 0.125}`; `fatigue_days` (default 183, 0 = no fatigue rule) and `seed`.
/// Strata are `location`, `daypart`, `segment` or any attribute of the interaction (`channel`, `staff`, `service`,
/// `queue`, …). The `segment` stratum needs `segments`, an ordered list of segment codes: an interaction falls in the
/// first of them its customer is a member of at sampling time, otherwise in `other` (a customer in none of them, one
/// Otklik does not know, or no customer at all) — ``SegmentStratum``.
public struct SurveySampling: Sendable, Codable, Equatable {
    public enum Method: String, Sendable, Codable, CaseIterable {
        case simple
        case systematic
        case quota
    }

    public var method: Method
    public var probability: Double?
    public var interval: Int?
    public var strata: [String]
    public var targets: [String: Int]
    public var defaultTarget: Int?
    /// `day`, `week` or `month`.
    public var period: String?
    public var spreadProbability: Double?
    /// Days before a customer may be invited again (to any survey); 0 switches the rule off.
    public var fatigueDays: Int
    public var seed: UInt64
    /// The segments of the `segment` stratum, in the order that decides a customer in several of them.
    public var segments: [String]

    public static let defaultFatigueDays = 183

    public init(
        method: Method, probability: Double? = nil, interval: Int? = nil, strata: [String] = [], targets: [String: Int] = [:],
        defaultTarget: Int? = nil, period: String? = nil, spreadProbability: Double? = nil, fatigueDays: Int = defaultFatigueDays,
        seed: UInt64 = 1, segments: [String] = []
    ) {
        self.method = method
        self.probability = probability
        self.interval = interval
        self.strata = strata
        self.targets = targets
        self.defaultTarget = defaultTarget
        self.period = period
        self.spreadProbability = spreadProbability
        self.fatigueDays = fatigueDays
        self.seed = seed
        self.segments = segments
    }

    /// The stratum variable of segment membership.
    public static let segmentStratum = "segment"

    /// Whether the plan stratifies by segment (the strata of a simple random plan are not used).
    public var usesSegments: Bool { method != .simple && strata.contains(Self.segmentStratum) }

    /// Everyone is invited: simple random sampling with p = 1 (for feedback surveys).
    public static let everyone = SurveySampling(method: .simple, probability: 1, fatigueDays: 0)

    enum CodingKeys: String, CodingKey {
        case method, probability, interval, strata, targets, defaultTarget = "default_target", period
        case spreadProbability = "spread_probability", fatigueDays = "fatigue_days", seed, segments
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        method = try container.decode(Method.self, forKey: .method)
        probability = try container.decodeIfPresent(Double.self, forKey: .probability)
        interval = try container.decodeIfPresent(Int.self, forKey: .interval)
        strata = try container.decodeIfPresent([String].self, forKey: .strata) ?? []
        targets = try container.decodeIfPresent([String: Int].self, forKey: .targets) ?? [:]
        defaultTarget = try container.decodeIfPresent(Int.self, forKey: .defaultTarget)
        period = try container.decodeIfPresent(String.self, forKey: .period)
        spreadProbability = try container.decodeIfPresent(Double.self, forKey: .spreadProbability)
        fatigueDays = try container.decodeIfPresent(Int.self, forKey: .fatigueDays) ?? Self.defaultFatigueDays
        seed = try container.decodeIfPresent(UInt64.self, forKey: .seed) ?? 1
        segments = try container.decodeIfPresent([String].self, forKey: .segments) ?? []
    }

    /// As decoded; `segments` only when some are named (a plan without them is written as before).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        try container.encodeIfPresent(probability, forKey: .probability)
        try container.encodeIfPresent(interval, forKey: .interval)
        try container.encode(strata, forKey: .strata)
        try container.encode(targets, forKey: .targets)
        try container.encodeIfPresent(defaultTarget, forKey: .defaultTarget)
        try container.encodeIfPresent(period, forKey: .period)
        try container.encodeIfPresent(spreadProbability, forKey: .spreadProbability)
        try container.encode(fatigueDays, forKey: .fatigueDays)
        try container.encode(seed, forKey: .seed)
        if !segments.isEmpty { try container.encode(segments, forKey: .segments) }
    }

    public func validate() throws(OtklikError) {
        switch method {
        case .simple:
            guard let p = probability, p > 0, p <= 1 else { throw .invalid("probability", "simple random sampling needs a probability in (0, 1]") }
        case .systematic:
            guard let k = interval, k >= 1, k <= 1_000_000 else { throw .invalid("interval", "systematic sampling needs an interval k ≥ 1") }
        case .quota:
            guard !strata.isEmpty else { throw .invalid("strata", "quota sampling needs at least one stratum variable") }
            guard (defaultTarget ?? 0) >= 0, targets.values.allSatisfy({ $0 >= 0 }) else { throw .invalid("targets", "targets are ≥ 0") }
            guard !targets.isEmpty || (defaultTarget ?? 0) > 0 else { throw .invalid("default_target", "quota sampling needs targets or a default target") }
            if let period, !["day", "week", "month"].contains(period) { throw .invalid("period", "period is day, week or month") }
            if let q = spreadProbability, !(q > 0 && q <= 1) { throw .invalid("spread_probability", "spread_probability is in (0, 1]") }
        }
        guard strata.count <= 4 else { throw .invalid("strata", "at most 4 stratum variables") }
        for (index, name) in strata.enumerated() { try Identifier.validate(name, field: "strata[\(index)]") }
        guard Set(strata).count == strata.count else { throw .invalid("strata", "a stratum variable is listed once") }
        if strata.contains(Self.segmentStratum) {
            guard !segments.isEmpty else {
                throw .invalid("segments", "the segment stratum needs segments: the segment codes in the order that decides a customer in several")
            }
        } else if !segments.isEmpty {
            throw .invalid("segments", "segments are the values of the segment stratum: add \"segment\" to strata or leave segments out")
        }
        guard segments.count <= 20 else { throw .invalid("segments", "at most 20 segments") }
        for (index, code) in segments.enumerated() {
            try Identifier.validate(code, field: "segments[\(index)]")
            guard code != SegmentStratum.other else {
                throw .invalid("segments[\(index)]", "'\(SegmentStratum.other)' is the stratum of customers in none of the segments, not a segment to name")
            }
            guard !segments[..<index].contains(code) else { throw .invalid("segments[\(index)]", "segment '\(code)' is listed twice") }
        }
        guard fatigueDays >= 0, fatigueDays <= 3_650 else { throw .invalid("fatigue_days", "fatigue_days is 0-3650") }
    }
}
