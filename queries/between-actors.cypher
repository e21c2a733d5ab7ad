// name: between-actors
// question: What have two actors claimed about each other, in which sentences and documents?
// params: actor:str, other:str, limit:int=100
// example: -p actor=Russia -p other=Ukraine
// note: Both directions; actors are matched by id, name or alias, ignoring case.
WITH toLower($actor) AS key1, toLower($other) AS key2
MATCH (x:Actor)
WHERE x.id = $actor OR toLower(x.name) = key1 OR any(alias IN x.aliases WHERE toLower(alias) = key1)
MATCH (y:Actor)
WHERE y.id = $other OR toLower(y.name) = key2 OR any(alias IN y.aliases WHERE toLower(alias) = key2)
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
