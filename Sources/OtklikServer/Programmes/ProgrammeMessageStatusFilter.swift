import OtklikCore
import OtklikStore

/// The `status` filter of a programme's messages, read the same way by the page (`/programmes/{code}/messages`) and the
/// API (`/api/v1/programmes/{code}/messages`): one of the queue's statuses, or none (empty or absent) for all; any other
/// value is refused with the field `status` named.
enum ProgrammeMessageStatusFilter {
    static func parse(_ raw: String?) throws(OtklikError) -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        guard SQLProgrammeRepository.messageStatuses.contains(raw) else {
            throw OtklikError.invalid("status", "one of \(SQLProgrammeRepository.messageStatuses.joined(separator: ", ")), or none for all")
        }
        return raw
    }
}
