import Foundation
import OtklikCore

extension FeedbackCSV {
    /// The cells of one feedback in ``FeedbackCSV/columns`` order.
    public static func cells(_ feedback: Feedback) -> [String] {
        [
            feedback.id, Timestamp.format(feedback.ts), feedback.channel.rawValue, feedback.kind.rawValue,
            feedback.location ?? "", feedback.staff ?? "", feedback.service ?? "", feedback.customer ?? "",
            feedback.nps.map(String.init) ?? "", feedback.csat.map(String.init) ?? "", feedback.ces.map(String.init) ?? "",
            feedback.button?.rawValue ?? "", feedback.reasons.joined(separator: ";"), feedback.comment ?? "",
            feedback.contact ?? "", feedback.lang ?? "",
        ]
    }

    /// A CSV writer with the feedback header already written.
    public static func writer(stream: OutputStream? = nil) throws -> CSVRowWriter {
        if let stream { return try CSVRowWriter(stream: stream, header: columns) }
        return try CSVRowWriter(header: columns)
    }
}
