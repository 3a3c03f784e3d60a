import Foundation
import Logging

/// The application's database: one engine, migrated, with its repositories.
public struct AppDatabase: Sendable {
    public let sql: any SQLDatabase
    public let feedback: any FeedbackRepository
    public let reference: any ReferenceRepository
    public let access: any AccessRepository
    public let interactions: any InteractionRepository
    public let process: any ProcessRepository
    public let devices: any DeviceRepository
    public let reasons: any ReasonRepository
    public let cases: any CaseRepository
    public let transcripts: any TranscriptRepository
    public let webhooks: any WebhookRepository
    public let problems: any ProblemRepository
    public let playbooks: any PlaybookRepository
    public let slaPolicies: any SLAPolicyRepository
    public let notifications: any NotificationRepository
    public let assignmentRules: any AssignmentRuleRepository
    public let escalationRules: any EscalationRuleRepository
    public let targets: any TargetRepository
    public let employeeVoice: any EmployeeVoiceRepository
    public let texts: any TextAnalysisRepository
    public let textModels: any TextModelRepository
    public let surveys: any SurveyRepository
    public let leases: any LeaseRepository
    public let customers: any CustomerRepository
    public let transactions: any TransactionRepository
    public let customerMerges: SQLCustomerMergeJournal
    public let customerReview: SQLCustomerReviewQueue
    public let customerErasure: SQLCustomerErasure
    public let consents: SQLCustomerConsents
    public let feed: ChangeFeed
    public let feedConsumers: FeedConsumerPositions
    /// The feedback this process has just committed, for its own feed consumers (``RecentFeedbackWrites``).
    public let recentFeedback: RecentFeedbackWrites
    /// The channels a programme's message or survey invitation can be delivered on: `email` and `sms` always (logged
    /// when no SMTP server or SMS gateway is configured), `messenger` only when the server configures its gateway.
    public var deliverableChannels: [String] = SQLProgrammeRepository.standardDeliverable

    public init(sql: any SQLDatabase) {
        self.sql = sql
        let recent = RecentFeedbackWrites()
        recentFeedback = recent
        feedback = SQLFeedbackRepository(database: sql, recent: recent)
        reference = SQLReferenceRepository(database: sql)
        access = SQLAccessRepository(database: sql)
        interactions = SQLInteractionRepository(database: sql)
        process = SQLProcessRepository(database: sql)
        devices = SQLDeviceRepository(database: sql)
        reasons = SQLReasonRepository(database: sql)
        cases = SQLCaseRepository(database: sql, recent: recent)
        transcripts = SQLTranscriptRepository(database: sql)
        webhooks = SQLWebhookRepository(database: sql)
        problems = SQLProblemRepository(database: sql)
        playbooks = SQLPlaybookRepository(database: sql)
        slaPolicies = SQLSLAPolicyRepository(database: sql)
        notifications = SQLNotificationRepository(database: sql)
        assignmentRules = SQLAssignmentRuleRepository(database: sql)
        escalationRules = SQLEscalationRuleRepository(database: sql)
        targets = SQLTargetRepository(database: sql)
        employeeVoice = SQLEmployeeVoiceRepository(database: sql)
        texts = SQLTextAnalysisRepository(database: sql, recent: recent)
        textModels = SQLTextModelRepository(database: sql)
        surveys = SQLSurveyRepository(database: sql)
        leases = SQLLeaseRepository(database: sql)
        customers = SQLCustomerRepository(database: sql)
        transactions = SQLTransactionRepository(database: sql)
        customerMerges = SQLCustomerMergeJournal(database: sql)
        customerReview = SQLCustomerReviewQueue(database: sql)
        customerErasure = SQLCustomerErasure(database: sql, recent: recent)
        consents = SQLCustomerConsents(database: sql)
        feed = ChangeFeed(database: sql)
        feedConsumers = FeedConsumerPositions(database: sql)
    }

    /// Opens `sqlite:PATH` (or a bare path) or a `postgres://` URL and applies pending migrations.
    public static func open(_ url: String, logger: Logger) async throws -> AppDatabase {
        let sql: any SQLDatabase
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            sql = try PostgresDatabase(url: url, logger: logger)
        } else {
            let path = url.hasPrefix("sqlite:") ? String(url.dropFirst("sqlite:".count)) : url
            guard !path.isEmpty, !path.contains("://") else { throw StoreError.badDatabaseURL(url) }
            sql = try SQLiteDatabase(path: path)
        }
        do {
            try await Migrator().migrate(sql, logger: logger)
        } catch {
            try? await sql.close()
            throw error
        }
        return AppDatabase(sql: sql)
    }

    public func close() async throws {
        try await sql.close()
    }
}
