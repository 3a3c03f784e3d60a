import Foundation
import OtklikCore

/// The analytic projection of one interaction: what the contact-centre KPIs need.
public struct CallFact: Sendable, Equatable {
    public var arrivedAt: Date
    public var channel: Channel
    public var queue: String?
    public var agent: String?
    public var topic: String?
    public var customer: String?
    public var location: String?
    public var service: String?
    /// The service request the contact was about.
    public var request: String?
    public var outcome: InteractionOutcome
    public var wait: Double?
    public var handle: Double?
    public var transferred: Bool
    /// Local day number and hour of day of the arrival, set by ``CallFacts`` in its time zone.
    public var day: Int32 = 0
    public var hour: Int8 = 0
    /// Set by ``CallFacts`` for FCR: the same customer contacted again on the same topic within the window.
    public var repeated = false

    public init(_ interaction: Interaction) {
        arrivedAt = interaction.arrivedAt
        channel = interaction.channel
        queue = interaction.queue
        agent = interaction.staff
        topic = interaction.topic
        customer = interaction.customer
        location = interaction.location
        service = interaction.service
        request = interaction.request
        outcome = interaction.outcome
        wait = interaction.waitSeconds
        handle = interaction.outcome == .answered && interaction.talkSeconds != nil ? interaction.handleSeconds : nil
        transferred = interaction.transferred
    }
}
