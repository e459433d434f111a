import type { Schemas } from "@/client";

/**
 * The portfolio as `GET /workspaces/{ws}/portfolio` answers it (generated from the API's
 * OpenAPI). Presentational components take these shapes, so they render without the API.
 */
export type Portfolio = Schemas["Portfolio"];
export type PortfolioTotals = Schemas["PortfolioTotals"];
export type StageCount = Schemas["StageCount"];
export type PortfolioPoint = Schemas["PortfolioPoint"];
export type AttentionItem = Schemas["AttentionItem"];
export type HealthReason = Schemas["AttentionReason"];
export type WaitingDecision = Schemas["DecisionWaiting"];
export type PortfolioOutcomes = Schemas["PortfolioOutcomes"];
export type DepartmentEngagement = Schemas["DepartmentParticipation"];
export type StageTime = Schemas["StageTime"];
export type PointBin = Schemas["PointBin"];
export type AttentionPage = Schemas["AttentionPage"];
export type DecisionsWaitingPage = Schemas["DecisionsWaitingPage"];
