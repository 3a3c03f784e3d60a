/// Sufficient statistics of one group for a proportion, a mean or a distinct count (public-service KPIs, case reports),
/// with the distinct users as strings (row-by-row computations).
typealias OutcomeTally = CountTally<Set<String>>

/// Sufficient statistics of one group for a proportion, a mean or a distinct count of the codes of a dictionary (the
/// kernels).
typealias CodeTally = CountTally<CodeSet>

/// Sufficient statistics of one group for a proportion, a mean or a distinct count of `Users` (strings, or the codes
/// of a dictionary in the kernels).
struct CountTally<Users: DistinctUsers> {
    var n = 0
    var successes = 0
    var sum = 0.0
    var squares = 0.0
    var users = Users()

    @inline(__always)
    mutating func add(success: Bool) {
        n += 1
        // Without a branch: an outcome that is true for a third of the rows (online share) mispredicted one in three.
        successes &+= Int(unsafeBitCast(success, to: UInt8.self))
    }

    mutating func add(value: Double) {
        n += 1
        sum += value
        squares += value * value
    }

    /// Adds another group's counts, sums and users.
    mutating func merge(_ other: CountTally) {
        n += other.n
        successes += other.successes
        sum += other.sum
        squares += other.squares
        users.merge(other.users)
    }

    func evaluate(_ kind: PublicServiceKPI.Kind, minimumN: Int) -> MetricValue {
        switch kind {
        case .costPerService, .contactsPerRequest:
            return mean(minimumN: minimumN)
        case .platformUsers:
            let distinct = users.count
            return MetricValue(value: Double(distinct), n: distinct, ciLow: nil, ciHigh: nil, insufficient: false)
        case .completion, .onlineShare, .phoneAnswered, .emailAnswered, .servicesOnlineShare:
            return proportion(minimumN: minimumN)
        }
    }

    /// successes / n as a percentage with a Wilson interval.
    func proportion(minimumN: Int) -> MetricValue {
        guard n > 0, n >= minimumN else { return MetricValue(value: nil, n: n, ciLow: nil, ciHigh: nil, insufficient: true) }
        let interval = ProportionInterval.wilson(successes: successes, n: n)
        return MetricValue(
            value: 100 * Double(successes) / Double(n), n: n, ciLow: interval.map { 100 * $0.low }, ciHigh: interval.map { 100 * $0.high },
            insufficient: false)
    }

    /// The mean of the added values with a Student's t interval.
    func mean(minimumN: Int) -> MetricValue {
        CallMetric.mean(sum: sum, squares: squares, n: n, minimumN: minimumN)
    }
}
