// name: claims-in-range
// question: What was claimed between two dates (optionally of one type)?
// params: since:str, until:str, type:str=, limit:int=100
// example: -p since=2024-02-01 -p until=2024-03-31
// note: Dates are ISO strings (YYYY-MM-DD), inclusive; a shorter prefix such as 2024-02 works as a bound too.
MATCH (spk:Actor)-[:MADE]->(c:Claim)-[:IN]->(d:Document)
WHERE c.date >= $since AND c.date <= $until AND ($type = '' OR c.type = toUpper($type))
OPTIONAL MATCH (c)-[:TARGETS]->(tgt:Actor)
RETURN c.date AS date, spk.name AS speaker, c.type AS claim_type,
       coalesce(tgt.name, '') AS target, c.sentence AS sentence, d.title AS document
ORDER BY date, document, sentence, speaker
LIMIT $limit
