// name: claims-by-type
// question: How many claims of each type are there, by how many speakers, over what dates?
// example:
MATCH (spk:Actor)-[:MADE]->(c:Claim)-[:IN]->(d:Document)
RETURN c.type AS claim_type, count(c) AS claims, count(DISTINCT spk.id) AS speakers,
       count(DISTINCT d.id) AS documents, min(c.date) AS first_date, max(c.date) AS last_date
ORDER BY claims DESC, claim_type
// engine: neo4j
MATCH (t:Tally)
WHERE t.level = 'type' AND t.type >= '' AND t.claims > 0
RETURN t.type AS claim_type, t.claims AS claims, t.counterparts AS speakers,
       t.documents AS documents, t.first_date AS first_date, t.last_date AS last_date
ORDER BY claims DESC, claim_type
