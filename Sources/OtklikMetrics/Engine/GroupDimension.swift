/// A slice a metric can be grouped by.
public enum GroupDimension: String, Sendable, Codable, CaseIterable {
    case location
    case region
    case staff
    case service
    case channel
    case kind
    case day
    /// Calendar week, keyed by its Monday (`2026-03-02`).
    case week
    /// Calendar month (`2026-03`).
    case month

    public var isTime: Bool { self == .day || self == .week || self == .month }

    /// Parses `location,day` into dimensions; at most two.
    public static func parseList(_ text: String) throws -> [GroupDimension] {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var result: [GroupDimension] = []
        for part in parts {
            guard let dimension = GroupDimension(rawValue: part) else {
                throw GroupDimensionError.unknown(part, allowed: allCases.map(\.rawValue))
            }
            if !result.contains(dimension) { result.append(dimension) }
        }
        guard result.count <= 2 else { throw GroupDimensionError.tooMany }
        return result
    }
}

/// Why a `--by` list was refused.
public enum GroupDimensionError: Error, CustomStringConvertible, Equatable {
    case unknown(String, allowed: [String])
    case tooMany

    public var description: String {
        switch self {
        case .unknown(let name, let allowed):
            "unknown dimension '\(name)'; use one of \(allowed.joined(separator: ", "))"
        case .tooMany:
            "group by at most two dimensions"
        }
    }
}

import Foundation
