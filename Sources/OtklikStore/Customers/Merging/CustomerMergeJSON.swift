import Foundation
import OtklikCore

/// What a merge moved, as the journal stores it (JSON in `customer_merges.moved`).
struct CustomerMergeMoved: Codable, Equatable {
    var identities: [CustomerIdentity]
    var records: [String: [String]]

    func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    static func decode(_ text: String?) -> CustomerMergeMoved {
        (text.flatMap { try? JSONDecoder().decode(Self.self, from: Data($0.utf8)) }) ?? CustomerMergeMoved(identities: [], records: [:])
    }

    static func evidence(_ evidence: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(evidence), as: UTF8.self)
    }

    static func evidence(_ text: String?) -> [String: String] {
        (text.flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) }) ?? [:]
    }
}
