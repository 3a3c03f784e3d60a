import Foundation
import OtklikStore

/// A provider's later word on a message it accepted (a delivery report, a bounce): recorded on the message's delivery
/// record; a survey invitation that bounced or failed after all was never delivered, so it becomes `no_contact`
/// (unless the respondent already answered — then it was reached).
public struct DeliveryReports: Sendable {
    let deliveries: any MessageDeliveryRepository
    let surveys: any SurveyRepository

    public init(deliveries: any MessageDeliveryRepository, surveys: any SurveyRepository) {
        self.deliveries = deliveries
        self.surveys = surveys
    }

    /// The updated record; nil when no record has that provider's id.
    public func apply(provider: String, providerId: String, status: DeliveryStatus, error: String?, now: Date) async throws -> MessageDelivery? {
        guard let record = try await deliveries.report(provider: provider, providerId: providerId, status: status, error: error, now: now) else {
            return nil
        }
        if record.kind == "survey_invitation", record.status.isUndelivered, let invitation = record.subject {
            try await surveys.markNoContact(invitation: invitation)
        }
        return record
    }
}
