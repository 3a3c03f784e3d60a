/// A slice the contact-centre KPIs can be grouped by.
public enum CallDimension: String, Sendable, CaseIterable {
    case queue
    case agent
    case topic
    case channel
    case location
    /// The location's region.
    case region
    case service
    /// Hour of day, `00`-`23`, local time.
    case hour
    case day
    /// Calendar week, keyed by its Monday.
    case week
    case month

    /// Parses `queue,hour` into dimensions; at most two.
    public static func parseList(_ text: String) throws -> [CallDimension] {
        var result: [CallDimension] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            guard let dimension = CallDimension(rawValue: part) else {
                throw GroupDimensionError.unknown(part, allowed: allCases.map(\.rawValue))
            }
            if !result.contains(dimension) { result.append(dimension) }
        }
        guard result.count <= 2 else { throw GroupDimensionError.tooMany }
        return result
    }
}

import Foundation
