import Foundation
import Hummingbird
import Logging
import OtklikApplication
import OtklikMetrics
import ServiceLifecycle
import OtklikStore
import OtklikText
import Prometheus

/// A ready Otklik: its configuration, open database and loaded analytics; builds the HTTP application.
public struct OtklikApp: Sendable {
    public let configuration: AppConfiguration
    public let database: AppDatabase
    public let analytics: Analytics
    /// Feeds ``analytics`` from the store's change feed.
    public let follower: FeedFollower
    /// Analyses stored comments and transcripts from the change feed.
    public let textAnalysis: TextAnalysisConsumer
    /// Opens the cases stored feedback calls for, from the change feed, in feed order under one lease.
    public let caseOpening: DurableFeedConsumer
    /// Queues the `feedback.received` webhooks of stored feedback, from the change feed.
    public let feedbackWebhooks: DurableFeedConsumer
    /// Queues the `case.*` webhooks case history lines carry, from the change feed.
    public let caseWebhooks: DurableFeedConsumer
    /// Writes the notifications (and e-mails) case history lines carry, from the change feed.
    public let caseNotifications: DurableFeedConsumer
    /// Queues the `problem.*` webhooks problem history lines carry, from the change feed.
    public let problemWebhooks: DurableFeedConsumer
    /// Writes the notifications (and e-mails) problem history lines carry, from the change feed.
    public let problemNotifications: DurableFeedConsumer
    /// Opens the red-press alerts of stored presses and low scores without a contact, from the change feed.
    public let alertOpening: DurableFeedConsumer
    /// Copies feedback facts to ClickHouse from the change feed when it answers the feedback metrics (nil: embedded).
    public let clickHouseExport: DurableFeedConsumer?
    /// Triggers the event programmes from the change feed (one server at a time, under its lease); listed on `/health`.
    public let programmeConsumer: DurableFeedConsumer
    /// Detects life situations from the change feed (one server at a time, under its lease); listed on `/health`.
    public let lifeSituationConsumer: DurableFeedConsumer
    /// Passes customer praise on to the staff it names (one server at a time, under its lease); listed on `/health`.
    public let customerPraiseConsumer: DurableFeedConsumer
    /// Decides the interactions offered to surveys, from the change feed, in feed order under one lease (every-k-th,
    /// quotas and fatigue depend on order); listed on `/health`. A var so that a test can hold it (the 202 answer).
    public var surveySampling: DurableFeedConsumer
    /// How long `POST /api/v1/surveys/{code}/interactions` waits for its decisions before answering 202: 5 s, or the
    /// configured wait of a write for what follows it (`otklik.case.wait.seconds`) when that is longer (the Swift tests
    /// wait 300 s, so a loaded run still gets its links). A test may set it.
    public var samplingWait: Duration?
    /// The churn model, customer values and segments as slices: one of each per server, shared by the pages, the API
    /// and the `survey-sampling` consumer (a plan stratified by segment).
    let churn: ChurnModelCache
    let customerValues: CustomerValueModel
    let slicer: SegmentSlicer
    public let registry: PrometheusCollectorRegistry
    public let hasher: PasswordHasher
    public let logger: Logger
    /// Re-analyses stored comments after the taxonomy changes.
    let reanalysis: TextReanalysis
    /// Delivers survey invitations; nil: the log-only sender.
    public var invitationSender: (any InvitationSender)? = nil
    /// This server process among those sharing the database: the holder of its background jobs' leases.
    public let instance: String

    /// Opens (and migrates) the database, runs `prepare` on it, and loads the analytics engine from it.
    public static func open(
        _ configuration: AppConfiguration, logger: Logger, registry: PrometheusCollectorRegistry = .init(),
        hasher: PasswordHasher = PasswordHasher(), prepare: (@Sendable (AppDatabase) async throws -> Void)? = nil
    ) async throws -> OtklikApp {
        var database = try await AppDatabase.open(configuration.databaseURL, logger: logger)
        database.deliverableChannels = configuration.deliverableChannels
        do {
            try await prepare?(database)
            let organisation = try await database.reference.organisation()
            let instance = "srv-" + UUID().uuidString
            let (analytics, clickHouseExport) = try await analyticsEngine(
                configuration, timeZone: TimeZone(identifier: organisation.timezone) ?? TimeZone(identifier: "UTC")!, database: database,
                instance: instance, logger: logger)
            let position = try await analytics.load(from: database, logger: logger, snapshot: configuration.analyticsSnapshot)
            let follower = FeedFollower(feed: database.feed, analytics: analytics, position: position, logger: logger)
            // Comments and transcripts stored before text analysis was wired (or by an older version) are analysed now,
            // and all of them when a re-analysis after a taxonomy or model change did not finish.
            let pending = try await database.texts.reanalysisPending()
            let analysed = try await database.texts.reanalyze(all: pending, chunkSize: 5_000) { done, total in
                logger.notice("analysing stored comments and transcripts", metadata: ["done": "\(done)", "total": "\(total)"])
            }
            if analysed > 0 { logger.notice("analysed stored comments and transcripts that had no analysis", metadata: ["texts": "\(analysed)"]) }
            let derived = derivedConsumers(database: database, configuration: configuration, instance: instance, logger: logger)
            let problemFollowUps = problemFollowUpConsumers(database: database, logger: logger)
            // Segments as slices (issue 18 item 7): one churn model cache and value model shared by the customer pages,
            // segments and survey sampling.
            let churn = ChurnModelCache(database: database)
            let customerValues = CustomerValueModel(database: database)
            let slicer = SegmentSlicer(segments: CustomerSegments(database: database, churn: churn, values: customerValues), repository: database.segments)
            return OtklikApp(
                configuration: configuration, database: database, analytics: analytics, follower: follower,
                textAnalysis: TextAnalysisConsumer(database: database, logger: logger), caseOpening: derived.cases,
                feedbackWebhooks: derived.webhooks, caseWebhooks: derived.caseWebhooks, caseNotifications: derived.caseNotifications,
                problemWebhooks: problemFollowUps.webhooks, problemNotifications: problemFollowUps.notifications,
                alertOpening: derived.alerts, clickHouseExport: clickHouseExport,
                programmeConsumer: ProgrammeRunner(database: database, signals: ProgrammeSignalSources.make(database: database)).consumer(
                    lease: ServiceLease(repository: database.leases, name: "feed-programmes", holder: instance, interval: .seconds(1), logger: logger),
                    logger: logger),
                lifeSituationConsumer: lifeSituationConsumer(database: database, instance: instance, logger: logger),
                customerPraiseConsumer: customerPraiseConsumer(database: database, instance: instance, logger: logger),
                surveySampling: surveySamplingConsumer(
                    database: database, slicer: slicer, handOver: offeringWait(configuration), instance: instance, logger: logger),
                churn: churn, customerValues: customerValues, slicer: slicer,
                registry: registry, hasher: hasher, logger: logger,
                reanalysis: TextReanalysis(texts: database.texts, logger: logger), instance: instance)
        } catch {
            try? await database.close()
            throw error
        }
    }

    /// What a write does about its text analysis, cases and alerts before it answers (`otklik.case.wait.seconds`).
    var followUp: WriteFollowUp { .seconds(configuration.caseWaitSeconds) }

    public var ingest: FeedbackIngest {
        FeedbackIngest(
            database: database, follower: follower, textAnalysis: textAnalysis, caseOpening: caseOpening,
            alertOpening: alertOpening, analyticsExport: clickHouseExport, followUp: followUp)
    }

    /// The consumers of what follows a feedback write: case opening (ordered: one server at a time, under a lease), the
    /// `feedback.received` webhooks and the red-press alerts (the conditional advance of the position lets one server
    /// do each stretch; an alert's unique feedback id keeps a stretch read twice from opening a second one); and of what
    /// follows a case history line: its `case.*` webhook and its notification (independent, like the feedback webhooks;
    /// stable ids keep a stretch done twice from storing anything twice), started after each catch-up of case opening.
    static func derivedConsumers(
        database: AppDatabase, configuration: AppConfiguration, instance: String, logger: Logger
    ) -> (
        cases: DurableFeedConsumer, webhooks: DurableFeedConsumer, alerts: DurableFeedConsumer, caseWebhooks: DurableFeedConsumer,
        caseNotifications: DurableFeedConsumer
    ) {
        let pause = testPause("OTKLIK_TEST_CONSUMER_PAUSE_MS")
        let schedule = CaseScheduleSource(database: database, configuration: configuration)
        let caseWebhooks = DurableFeedConsumer(name: "case-webhooks", database: database, pause: pause, logger: logger) {
            try await database.cases.queueWebhooksFromFeed(consumer: "case-webhooks", limit: 100).caughtUp
        }
        let caseNotifications = DurableFeedConsumer(name: "case-notifications", database: database, pause: pause, logger: logger) {
            try await database.cases.notifyFromFeed(consumer: "case-notifications", limit: 100).caughtUp
        }
        let lease = ServiceLease(repository: database.leases, name: "feed-case-opening", holder: instance, interval: .seconds(1), logger: logger)
        let cases = DurableFeedConsumer(
            name: "case-opening", database: database, lease: lease, pause: pause, logger: logger, followers: [caseWebhooks, caseNotifications]
        ) {
            try await database.cases.openCasesFromFeed(consumer: "case-opening", limit: 100, schedule: try await schedule.current()).caughtUp
        }
        let webhooks = DurableFeedConsumer(name: "feedback-webhooks", database: database, pause: pause, logger: logger) {
            try await database.webhooks.queueFromFeed(consumer: "feedback-webhooks", limit: 100).caughtUp
        }
        let alertRepository = SQLAlertRepository(database: database.sql, recent: database.recentFeedback)
        let alerts = DurableFeedConsumer(name: "red-press-alerts", database: database, pause: pause, logger: logger) {
            try await alertRepository.openAlertsFromFeed(
                consumer: "red-press-alerts", limit: 100, records: SQLAlertRepository.recordsPerStep
            ).caughtUp
        }
        return (cases, webhooks, alerts, caseWebhooks, caseNotifications)
    }

    /// Test only, read by `Tests/cluster/test_kill9.py` to kill a server between a commit and what follows it:
    /// `OTKLIK_TEST_CONSUMER_PAUSE_MS` makes the case-opening, webhook, case- and problem-notification, alert and
    /// survey-sampling consumers
    /// pause before
    /// their work,
    /// `OTKLIK_TEST_DELIVERY_PAUSE_MS` the webhook dispatcher between a send and its record.
    static func testPause(_ variable: String) -> Duration? {
        guard let text = ProcessInfo.processInfo.environment[variable], let ms = Int(text), ms > 0 else { return nil }
        return .milliseconds(ms)
    }

    var dissatisfaction: DissatisfactionBuilder {
        DissatisfactionBuilder(texts: database.texts, timeZone: analytics.timeZone, minimumN: configuration.minimumN)
    }

    var compliance: ComplianceBuilder { ComplianceBuilder(texts: database.texts, analytics: analytics, minimumN: configuration.minimumN) }

    /// Waits until a re-analysis started by a taxonomy change has finished (tests, CLI).
    public func waitForReanalysis() async { await reanalysis.wait() }

    /// The SLA of cases as configured now.
    public var caseSchedule: CaseScheduleSource { CaseScheduleSource(database: database, configuration: configuration) }

    /// The cases as controllers and the supervisor write them: each write starts (or, per ``followUp``, waits for) the
    /// consumers that queue its webhooks and write its notifications.
    public var cases: FollowedCaseRepository {
        FollowedCaseRepository(database.cases, followers: [caseWebhooks, caseNotifications], followUp: followUp)
    }

    /// The problems as controllers and the case supervisor write them: each write starts (or, per ``followUp``, waits
    /// for) the consumers that queue its webhooks and write its notifications.
    public var problems: FollowedProblemRepository {
        FollowedProblemRepository(database.problems, followers: [problemWebhooks, problemNotifications], followUp: followUp)
    }

    public func buildRouter() async throws -> Router<AppRequestContext> {
        let organisation = try await database.reference.organisation()
        let localizer = try Localizer(defaultLanguage: organisation.defaultLang)
        let pages = try await PageRenderer(localizer: localizer)
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: WriteProfileMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: MetricsMiddleware())
        let principals = PrincipalResolver(reference: database.reference)
        router.add(middleware: ErrorMiddleware(pages: pages, session: SessionMiddleware(access: database.access, resolver: principals)))

        SystemController(database: database, analytics: analytics, consumers: consumerStatuses,
            registry: registry, analyticsName: configuration.analytics.name).addRoutes(to: router)

        let api = router.group("api/v1").add(middleware: ApiKeyMiddleware(access: database.access, resolver: principals))
            .add(middleware: PermissionMiddleware(table: .api))
        FeedbackController(ingest: ingest, repository: database.feedback, texts: database.texts, timeZone: analytics.timeZone).addRoutes(to: api)
        ReferenceController(repository: database.reference, follower: follower).addRoutes(to: api)
        let churn = churn, customerValues = customerValues, slicer = slicer
        MetricsController(
            analytics: analytics, minimumN: configuration.minimumN, caseReports: CaseReports(database: database, schedule: caseSchedule),
            targets: database.targets, reference: database.reference, segments: SegmentMetrics(analytics: analytics, slicer: slicer)
        ).addRoutes(to: api)
        InteractionController(repository: database.interactions, follower: follower).addRoutes(to: api)
        TransactionController(repository: database.transactions).addRoutes(to: api)
        ProcessController(repository: database.process, reference: database.reference, follower: follower).addRoutes(to: api)
        DeviceAdminController(devices: database.devices, reasons: database.reasons).addRoutes(to: api)
        CaseController(cases: cases, reference: database.reference, schedule: caseSchedule).addRoutes(to: api)
        TranscriptController(transcripts: database.transcripts, feedback: database.feedback, textAnalysis: textAnalysis, followUp: followUp).addRoutes(to: api)
        WebhookController(webhooks: database.webhooks, policy: configuration.webhookPolicy).addRoutes(to: api)
        ProblemController(problems: problems, reference: database.reference, rule: configuration.problemRule).addRoutes(to: api)
        PlaybookController(playbooks: database.playbooks, feedback: database.feedback).addRoutes(to: api)
        let customerAPI = api.group().add(middleware: PersonalDataAuditMiddleware(audit: SQLAuditLog(database: database.sql)))
        CustomerController(customers: database.customers, database: database).addRoutes(to: customerAPI)
        CustomerValueController(database: database, values: customerValues).addRoutes(to: customerAPI)
        CustomerMergeController(database: database).addRoutes(to: customerAPI)
        PrivacyController(database: database).addRoutes(customers: customerAPI, api: api)
        let database = database
        OrderedListController(path: "sla-policies", read: { try await database.slaPolicies.policies() }, replace: { try await database.slaPolicies.replaceAll($0) })
            .addRoutes(to: api)
        NotificationController(notifications: database.notifications, reference: database.reference).addRoutes(to: api)
        UsersController(access: database.access, audit: SQLAuditLog(database: database.sql)).addRoutes(to: api)
        AlertController(alerts: SQLAlertRepository(database: database.sql), playbooks: database.playbooks).addRoutes(to: api)
        BonusController(bonus: SQLBonusRepository(database: database.sql), reference: database.reference).addRoutes(to: api)
        OrderedListController(path: "assignment-rules", read: { try await database.assignmentRules.rules() }, replace: { try await database.assignmentRules.replaceAll($0) })
            .addRoutes(to: api)
        OrderedListController(path: "escalation-rules", read: { try await database.escalationRules.rules() }, replace: { try await database.escalationRules.replaceAll($0) })
            .addRoutes(to: api)
        OrderedListController(path: "targets", read: { try await database.targets.targets() }, replace: { try await database.targets.replaceAll($0, at: Date()) })
            .addRoutes(to: api)
        TextController(texts: database.texts, playbooks: database.playbooks).addRoutes(to: api)
        ThemeController(texts: database.texts, reanalysis: reanalysis).addRoutes(to: api)
        TextModelController(models: database.textModels, reanalysis: reanalysis).addRoutes(to: api)
        DissatisfactionController(builder: dissatisfaction, compliance: compliance, reference: database.reference).addRoutes(to: api)
        SurveyController(surveys: database.surveys, offering: surveyOffering, publicURL: configuration.publicURL, timeZone: analytics.timeZone).addRoutes(to: api)
        let limits = ClientLimits(database: database.sql, configuration: configuration)
        RespondentController(surveys: database.surveys, pages: pages, limits: limits).addRoutes(to: router)
        DeviceController(
            devices: database.devices, ingest: ingest, skewLimit: TimeInterval(configuration.deviceSkewSeconds), logger: logger
        ).addRoutes(to: router)

        PublicFormController(
            database: database, ingest: ingest, analytics: analytics, pages: pages, kioskIdleSeconds: configuration.kioskIdleSeconds,
            publicURL: configuration.publicURL, limits: limits
        ).addRoutes(to: router)
        DisplayController(
            database: database, alerts: SQLAlertRepository(database: database.sql), analytics: analytics, pages: pages,
            secureCookies: configuration.secureCookies, publicURL: configuration.publicURL
        ).addRoutes(to: router)

        EmployeeVoiceController(database: database, schedule: caseSchedule, pages: pages, publicURL: configuration.publicURL, limits: limits, cases: cases)
            .addRoutes(pages: router, api: api)
        CaseStatusController(
            links: database.caseStatusLinks, cases: database.cases, pages: pages, publicURL: configuration.publicURL, timeZone: analytics.timeZone
        ).addRoutes(to: router, api: api)
        RequestStatusController(
            links: database.requestStatusLinks, ingest: ingest, pages: pages, publicURL: configuration.publicURL, timeZone: analytics.timeZone)
            .addRoutes(to: router, api: api)
        ReviewLinkController(programmes: database.programmes).addRoutes(to: router)
        PulseAnswerController(repository: database.pulseSurveys, pages: pages).addRoutes(to: router)

        let web = router.group().add(middleware: SessionMiddleware(access: database.access, resolver: principals))
            .add(middleware: CSRFMiddleware(publicURL: configuration.publicURL))
        AuthController(
            access: database.access, hasher: hasher, pages: pages, sessionLifetime: configuration.sessionLifetime,
            secureCookies: configuration.secureCookies, dummyHash: try await hasher.hash("otklik-timing-equaliser"),
            loginFailures: SQLLoginFailures(database: database.sql), limits: limits
        ).addRoutes(to: web)
        let pagesGroup = web.group().add(middleware: RequireUserMiddleware()).add(middleware: PermissionMiddleware(table: .pages))
            .add(middleware: NotificationCountMiddleware(notifications: database.notifications)).add(middleware: dashboardUsage)
        NotificationsController(notifications: database.notifications, reference: database.reference, pages: pages, timeZone: analytics.timeZone).addRoutes(to: pagesGroup)
        DashboardController(
            analytics: analytics, reference: database.reference, targets: database.targets, cases: database.cases, problems: database.problems,
            reasons: database.reasons, surveys: database.surveys, pages: pages, minimumN: configuration.minimumN, slicer: slicer
        ).addRoutes(to: pagesGroup)
        KPIPagesController(
            analytics: analytics, reference: database.reference, process: database.process,
            caseReports: CaseReports(database: database, schedule: caseSchedule), targets: database.targets, pages: pages,
            minimumN: configuration.minimumN
        ).addRoutes(to: pagesGroup)
        CasesController(
            cases: cases, schedule: caseSchedule, feedback: database.feedback, transcripts: database.transcripts, reasons: database.reasons,
            playbooks: database.playbooks, employeeVoice: database.employeeVoice, customers: database.customers,
            reference: database.reference, pages: pages,
            timeZone: analytics.timeZone
        ).addRoutes(to: pagesGroup)
        ProblemsController(
            problems: problems, reasons: database.reasons, reference: database.reference, rule: configuration.problemRule, pages: pages,
            timeZone: analytics.timeZone
        ).addRoutes(to: pagesGroup)
        PlaybooksController(playbooks: database.playbooks, pages: pages).addRoutes(to: pagesGroup)
        UsersAdminController(
            access: database.access, reference: database.reference, audit: SQLAuditLog(database: database.sql), pages: pages,
            timeZone: analytics.timeZone
        ).addRoutes(to: pagesGroup)
        AuditPageController(audit: SQLAuditLog(database: database.sql), access: database.access, pages: pages, timeZone: analytics.timeZone)
            .addRoutes(to: pagesGroup)
        TextAnalyticsController(
            builder: dissatisfaction, compliance: compliance, texts: database.texts, reanalysis: reanalysis, reference: database.reference,
            pages: pages, lastData: { [analytics = self.analytics] scope in try await DashboardController.lastFeedbackDay(analytics, scope: scope) }
        ).addRoutes(to: pagesGroup)
        CommentLabelsController(
            texts: database.texts, models: database.textModels, feedback: database.feedback, reanalysis: reanalysis, pages: pages,
            timeZone: analytics.timeZone
        ).addRoutes(to: pagesGroup)
        ServicePointsController(reference: database.reference, devices: database.devices, pages: pages, timeZone: analytics.timeZone)
            .addRoutes(to: pagesGroup)
        AlertsPageController(
            alerts: SQLAlertRepository(database: database.sql), playbooks: database.playbooks, reference: database.reference, pages: pages,
            timeZone: analytics.timeZone
        ).addRoutes(to: pagesGroup)
        let surveyRepository = database.surveys
        BonusPageController(
            bonus: SQLBonusRepository(database: database.sql), reference: database.reference, pages: pages,
            lastData: { scope in
                try await surveyRepository.lastInvitedAt(survey: nil, locations: scope).map { LocalCalendar.day(of: $0, in: TimeZone(identifier: "UTC")!) }
            }
        ).addRoutes(to: pagesGroup)
        addInitiativeRoutes(api: api, pages: pagesGroup, renderer: pages)
        addMysteryRoutes(api: api, pages: pagesGroup, renderer: pages)
        addJourneyRoutes(api: api, pages: pagesGroup, renderer: pages)
        addMaturityRoutes(pages: pagesGroup, renderer: pages)
        addReportRoutes(api: api, pages: pagesGroup, renderer: pages)
        addProgrammeRoutes(api: api, pages: pagesGroup, renderer: pages)
        ExperimentController(experiments: database.experiments, timeZone: analytics.timeZone).addRoutes(to: api)
        ExperimentsPageController(experiments: database.experiments, pages: pages, timeZone: analytics.timeZone).addRoutes(to: pagesGroup)
        addLifeSituationRoutes(api: api, pages: pagesGroup, renderer: pages)
        addEmployeeExperienceRoutes(api: api, pages: pagesGroup, renderer: pages)
        DeliveryController(deliveries: database.deliveries, reports: DeliveryReports(deliveries: database.deliveries, surveys: database.surveys))
            .addRoutes(to: api)
        addChurnRoutes(api: api, pages: pagesGroup, renderer: pages, cache: churn)
        addSegmentRoutes(api: api, pages: pagesGroup, renderer: pages, churn: churn, values: customerValues, slicer: slicer)
        SurveysPageController(
            surveys: database.surveys, texts: database.texts, pages: pages, publicURL: configuration.publicURL,
            contacts: ContactInvitations(database: database.sql), segments: CustomerSegments(database: database, churn: churn, values: customerValues),
            segmentList: database.segments, targets: database.targets, reference: database.reference, timeZone: analytics.timeZone
        ).addRoutes(to: pagesGroup)
        CustomersPageController(
            customers: database.customers, reference: database.reference, database: database, values: customerValues, pages: pages,
            timeZone: analytics.timeZone, churn: churn
        ).addRoutes(to: pagesGroup.group().add(middleware: PersonalDataAuditMiddleware(audit: SQLAuditLog(database: database.sql))))
        return router
    }

    /// The HTTP server with the webhook dispatcher running beside it.
    public func buildApplication() async throws -> some ApplicationProtocol {
        Application(
            router: try await buildRouter(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Otklik"),
            services: feedFollowerServices + snapshotServices + [
                FeedPruner(feed: database.feed, retention: 7 * 86_400, lease: lease("feed-pruning", every: .seconds(600)), logger: logger),
                RetentionRound(database: database.sql, policy: configuration.retention, lease: lease("retention", every: .seconds(3600)), logger: logger),
                webhookDispatcher, try await mailDispatcher(), try await reportMailRound(), invitationDispatcher, programmeRounds, programmeMessageDispatcher, CaseSupervisor(
                cases: cases, problems: problems, rule: configuration.problemRule, schedule: caseSchedule, interval: .seconds(30),
                logger: logger, lease: lease("case-supervisor", every: .seconds(30))),
            ],
            logger: logger)
    }

    /// The analytics engine's snapshot kept current (``AnalyticsSnapshotService``), when there is a file for it.
    var snapshotServices: [any Service] {
        guard let file = configuration.analyticsSnapshot else { return [] }
        return [AnalyticsSnapshotService(file: file, analytics: analytics, database: database, logger: logger)]
    }

    /// Keep the analytics engine within a quarter of a second of the change feed, the text analysis within a second, and
    /// the case opening, webhooks, case and problem notifications, red-press alerts, survey sampling and the copy to ClickHouse within half a
    /// second (after a failure, with back-off).
    var feedFollowerServices: [any Service] {
        [
            FeedFollowerService(name: "analytics", catchUp: follower.round, interval: .milliseconds(250), logger: logger),
            FeedFollowerService(name: TextAnalysisConsumer.name, catchUp: textAnalysis.catchUp, interval: .seconds(1), logger: logger),
            FeedFollowerService(
                name: caseOpening.name, catchUp: caseOpening.round, interval: .milliseconds(500),
                lease: lease("feed-case-opening", every: .seconds(1)), logger: logger),
            FeedFollowerService(name: feedbackWebhooks.name, catchUp: feedbackWebhooks.round, interval: .milliseconds(500), logger: logger),
            FeedFollowerService(name: caseWebhooks.name, catchUp: caseWebhooks.round, interval: .milliseconds(500), logger: logger),
            FeedFollowerService(name: caseNotifications.name, catchUp: caseNotifications.round, interval: .milliseconds(500), logger: logger),
            FeedFollowerService(name: problemWebhooks.name, catchUp: problemWebhooks.round, interval: .milliseconds(500), logger: logger),
            FeedFollowerService(name: problemNotifications.name, catchUp: problemNotifications.round, interval: .milliseconds(500), logger: logger),
            FeedFollowerService(name: alertOpening.name, catchUp: alertOpening.round, interval: .milliseconds(500), logger: logger),
            FeedFollowerService(name: ProgrammeRunner.consumerName, catchUp: programmeConsumer.round, interval: .seconds(1), logger: logger),
            FeedFollowerService(name: LifeSituationFeedStep.consumer, catchUp: lifeSituationConsumer.round, interval: .seconds(5), logger: logger),
            FeedFollowerService(name: CustomerPraiseFeedStep.consumer, catchUp: customerPraiseConsumer.round, interval: .seconds(2), logger: logger),
            FeedFollowerService(
                name: surveySampling.name, catchUp: surveySampling.round, interval: .milliseconds(500),
                lease: lease("feed-survey-sampling", every: .seconds(1)), logger: logger),
        ] + (clickHouseExport.map { export in
            [FeedFollowerService(
                name: export.name, catchUp: export.round, interval: .milliseconds(500), lease: lease("feed-clickhouse", every: .seconds(1)),
                logger: logger)]
        } ?? [])
    }

    /// The status of each change-feed consumer of this server, as `/health` lists them.
    var consumerStatuses: [@Sendable () async throws -> FeedConsumerStatus] {
        [follower.status, textAnalysis.status, caseOpening.status, feedbackWebhooks.status, caseWebhooks.status, caseNotifications.status,
         problemWebhooks.status, problemNotifications.status, alertOpening.status, programmeConsumer.status,
         lifeSituationConsumer.status, customerPraiseConsumer.status, surveySampling.status]
            + (clickHouseExport.map { [$0.status] } ?? [])
    }

    /// The e-mail sender configured: SMTP when `smtpURL` is set, the log otherwise.
    public var mailSender: any MailSender {
        guard let url = configuration.smtpURL, let sender = SMTPMailSender(url: url, caFile: configuration.smtpCAFile, logger: logger) else {
            return LogMailSender(logger: logger)
        }
        return sender
    }

    /// Sends the notification e-mails from the store's outbox.
    func mailDispatcher(sender: (any MailSender)? = nil) async throws -> MailDispatcher {
        let language = try await database.reference.organisation().defaultLang
        return MailDispatcher(
            repository: database.notifications, sender: sender ?? mailSender,
            composer: MailComposer(from: configuration.mailFrom, language: language, publicURL: configuration.publicURL),
            backoffSeconds: Double(configuration.webhookBackoffSeconds), holder: instance, logger: logger)
    }

    /// The lease a background job of this server takes before each round (one server at a time runs it).
    func lease(_ name: String, every interval: Duration) -> ServiceLease {
        ServiceLease(repository: database.leases, name: name, holder: instance, interval: interval, logger: logger)
    }

    /// Delivers survey invitations from the outbox (log-only unless a sender is set).
    public var invitationDispatcher: some Service {
        InvitationDispatcher(
            repository: database.surveys, deliveries: database.deliveries, sender: invitationSender ?? configuredInvitationSender,
            baseURL: configuration.publicURL ?? "http://\(configuration.host):\(configuration.port)", policy: DeliveryPolicy(maxAttempts: 5, baseSeconds: 30),
            pollInterval: .seconds(2), logger: logger, lease: lease("survey-invitations", every: .seconds(2)))
    }

    public var webhookDispatcher: some Service {
        WebhookDispatcher(
            repository: database.webhooks, backoffSeconds: Double(configuration.webhookBackoffSeconds), holder: instance,
            pauseAfterSend: Self.testPause("OTKLIK_TEST_DELIVERY_PAUSE_MS"), policy: configuration.webhookPolicy, logger: logger)
    }
}
