// name: between-actors
// question: What have two actors claimed about each other, in which sentences and documents?
// params: actor:actor, other:actor, limit:int=100
// example: -p actor=Russia -p other=Ukraine
// note: Both directions; actors are given by id, name or alias (any case).
MATCH (x:Actor {id: $actor})
MATCH (y:Actor {id: $other})
MATCH (x)-[:MADE|TARGETS]-(c:Claim)
MATCH (c)-[:MADE|TARGETS]-(y)
WHERE x.id <> y.id
WITH DISTINCT c
MATCH (spk:Actor)-[:MADE]->(c)-[:TARGETS]->(tgt:Actor)
MATCH (c)-[:IN]->(d:Document)
RETURN c.date AS date, spk.name AS speaker, c.type AS claim_type, tgt.name AS target,
       c.sentence AS sentence, d.title AS document, d.id AS document_id
ORDER BY date, document_id, sentence, speaker
LIMIT $limit
// engine: neo4j
MATCH (c:Claim)
WHERE c.link = CASE WHEN $actor < $other THEN $actor + '\u001f' + $other
                    ELSE $other + '\u001f' + $actor END
  AND c.date >= '' AND $actor <> $other
MATCH (spk:Actor)-[:MADE]->(c)-[:TARGETS]->(tgt:Actor)
MATCH (c)-[:IN]->(d:Document)
WITH c, spk, tgt, d
ORDER BY c.link, c.date, d.id, c.sentence, spk.name
LIMIT $limit
RETURN c.date AS date, spk.name AS speaker, c.type AS claim_type, tgt.name AS target,
       c.sentence AS sentence, d.title AS document, d.id AS document_id
ORDER BY date, document_id, sentence, speaker
