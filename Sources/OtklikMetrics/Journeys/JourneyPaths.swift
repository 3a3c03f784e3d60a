import Foundation

/// The paths customers actually took, discovered from their timelines: each known customer's stage events of the
/// period in time order (ties by stage order), repeats of one stage in a row merged; the directly-follows graph of
/// those sequences and the most frequent sequences.
public struct JourneyPaths: Sendable, Equatable {
    public struct Edge: Sendable, Equatable {
        public var from: Int
        public var to: Int
        /// Times a customer went directly from `from` to `to`.
        public var count: Int
        /// Distinct customers who did.
        public var customers: Int
    }

    public struct Path: Sendable, Equatable {
        public var stages: [Int]
        public var customers: Int
        /// Per cent of the customers with at least two stage events.
        public var share: Double
    }

    /// Known customers with at least one stage event in the period.
    public var customers: Int
    /// Of them, with at least two stage events (of any stages).
    public var customersWithTwoOrMore: Int
    public var edges: [Edge]
    public var top: [Path]

    public static func discover(_ events: [JourneyEvent], from: Date, to: Date, top limit: Int = 10) -> JourneyPaths {
        var byCustomer: [String: [JourneyEvent]] = [:]
        for event in events where event.at >= from && event.at < to {
            guard let customer = event.customer else { continue }
            byCustomer[customer, default: []].append(event)
        }
        var edgeCounts: [[Int]: (count: Int, customers: Int)] = [:]
        var variants: [[Int]: Int] = [:]
        var twoOrMore = 0
        for (_, list) in byCustomer {
            guard list.count >= 2 else { continue }
            twoOrMore += 1
            let ordered = list.sorted { ($0.at, $0.stage, $0.key) < ($1.at, $1.stage, $1.key) }
            var sequence: [Int] = []
            for event in ordered where sequence.last != event.stage { sequence.append(event.stage) }
            variants[sequence, default: 0] += 1
            var seen = Set<[Int]>()
            for (a, b) in zip(sequence, sequence.dropFirst()) {
                let key = [a, b]
                edgeCounts[key, default: (0, 0)].count += 1
                if seen.insert(key).inserted { edgeCounts[key, default: (0, 0)].customers += 1 }
            }
        }
        let edges = edgeCounts.map { Edge(from: $0.key[0], to: $0.key[1], count: $0.value.count, customers: $0.value.customers) }
            .sorted { ($1.count, $0.from, $0.to) < ($0.count, $1.from, $1.to) }
        let paths = variants.map { Path(stages: $0.key, customers: $0.value, share: twoOrMore > 0 ? 100 * Double($0.value) / Double(twoOrMore) : 0) }
            .sorted { $0.customers != $1.customers ? $0.customers > $1.customers : $0.stages.lexicographicallyPrecedes($1.stages) }
        return JourneyPaths(customers: byCustomer.count, customersWithTwoOrMore: twoOrMore, edges: edges, top: Array(paths.prefix(limit)))
    }
}
