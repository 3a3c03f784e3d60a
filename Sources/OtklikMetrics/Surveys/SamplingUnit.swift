import Foundation
import OtklikCore

/// One interaction as a sampling plan sees it (METHODS.md "Sampling and response"): its id, when it happened, the
/// customer if known, and the attributes strata are made of (location, daypart, any other attribute by name).
public struct SamplingUnit: Sendable, Codable, Equatable {
    /// The interaction's id; random draws are keyed by it, so it should be unique within a plan.
    public var id: String
    public var at: Date
    /// The customer; nil for an anonymous interaction, to which the fatigue rule cannot apply.
    public var customer: String?
    public var location: String?
    /// The part of the day, e.g. from `SamplingUnit.daypart(of:timeZone:)`.
    public var daypart: String?
    /// Any other attribute (channel, queue, staff, service, topic, …) by name.
    public var attributes: [String: String]

    public init(id: String, at: Date, customer: String? = nil, location: String? = nil, daypart: String? = nil, attributes: [String: String] = [:]) {
        self.id = id
        self.at = at
        self.customer = customer
        self.location = location
        self.daypart = daypart
        self.attributes = attributes
    }

    /// An interaction as it arrives: location and customer as recorded, the daypart of its arrival in `timeZone`, and
    /// its channel, queue, staff, service and topic as attributes (plus `extra`, which wins on a clash).
    public init(_ interaction: Interaction, timeZone: TimeZone = .gmt, extra: [String: String] = [:]) {
        var attributes = ["channel": interaction.channel.rawValue]
        for (name, value) in [("queue", interaction.queue), ("staff", interaction.staff), ("service", interaction.service), ("topic", interaction.topic)] {
            if let value { attributes[name] = value }
        }
        attributes.merge(extra) { _, new in new }
        self.init(
            id: interaction.id, at: interaction.arrivedAt, customer: interaction.customer, location: interaction.location,
            daypart: Self.daypart(of: interaction.arrivedAt, timeZone: timeZone), attributes: attributes
        )
    }

    /// The daypart of a moment in `timeZone`: "night" 00-06, "morning" 06-12, "afternoon" 12-18, "evening" 18-24.
    public static func daypart(of date: Date, timeZone: TimeZone = .gmt) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        switch calendar.component(.hour, from: date) {
        case 0..<6: return "night"
        case 6..<12: return "morning"
        case 12..<18: return "afternoon"
        default: return "evening"
        }
    }

    /// The unit's value of one stratification variable.
    public func value(of key: StratumKey) -> String? {
        switch key {
        case .location: location
        case .daypart: daypart
        case .attribute(let name): attributes[name]
        }
    }
}
