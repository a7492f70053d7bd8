/**
 * The types that flow between the stages of a run (records and enums, no I/O): a debtor row, its phones, their
 * WhatsApp answers, the ranked debtor and the rejects. Every stage imports this package, not another stage's.
 */
package io.dialready.domain;
