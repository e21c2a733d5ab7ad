// name: documents-mentioning
// question: Which documents mention an actor, and how many of their claims involve it?
// params: actor:actor, limit:int=50
// example: -p actor=Kyiv
MATCH (me:Actor {id: $actor})
MATCH (d:Document)-[:MENTIONS]->(me)
OPTIONAL MATCH (me)-[:MADE|TARGETS]-(c:Claim)-[:IN]->(d)
RETURN me.name AS actor, d.published AS published, d.title AS title, d.url AS url,
       d.id AS document_id, count(c) AS claims
ORDER BY actor, published DESC, document_id
LIMIT $limit
