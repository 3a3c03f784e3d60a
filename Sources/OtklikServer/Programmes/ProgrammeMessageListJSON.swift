/// `GET /api/v1/programmes/{code}/messages`: a page of the programme's messages, newest first, with the filter used,
/// how many match it (`total`), and how many of the programme's messages have each status (`counts`, whatever the filter).
struct ProgrammeMessageListJSON: Encodable, Sendable {
    var programme: String
    var status: String?
    var total: Int
    var offset: Int
    var limit: Int
    var counts: [String: Int]
    var items: [ProgrammeMessageJSON]

    enum CodingKeys: String, CodingKey {
        case programme, status, total, offset, limit, counts, items
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(programme, forKey: .programme)
        try container.encode(status, forKey: .status)
        try container.encode(total, forKey: .total)
        try container.encode(offset, forKey: .offset)
        try container.encode(limit, forKey: .limit)
        try container.encode(counts, forKey: .counts)
        try container.encode(items, forKey: .items)
    }
}
