import Foundation
import OtklikCore

/// The JSON a button console posts: `{"sent_at": "…", "presses": [{"seq": 17, "at": "…", "button": "negative"}]}`.
struct PressBatchJSON: Decodable {
    struct Press: Decodable {
        var seq: Int
        var at: String
        var button: String
    }

    var sentAt: String
    var presses: [Press]

    enum CodingKeys: String, CodingKey {
        case sentAt = "sent_at", presses
    }

    func batch() throws(OtklikError) -> PressBatch {
        guard let sent = Timestamp.parse(sentAt) else { throw .invalid("sent_at", "sent_at must be an ISO-8601 time with its zone") }
        guard presses.count <= PressBatch.maxPresses else {
            throw OtklikError(.payloadTooLarge, "a batch holds at most \(PressBatch.maxPresses) presses, this one has \(presses.count)", field: "presses")
        }
        var result: [PressBatch.Press] = []
        for (index, press) in presses.enumerated() {
            guard let at = Timestamp.parse(press.at) else { throw .invalid("presses[\(index)].at", "at must be an ISO-8601 time with its zone") }
            guard let button = ButtonPress(rawValue: press.button) else {
                throw .invalid("presses[\(index)].button", "button must be positive, neutral or negative")
            }
            result.append(PressBatch.Press(seq: press.seq, at: at, button: button))
        }
        return PressBatch(sentAt: sent, presses: result)
    }
}
