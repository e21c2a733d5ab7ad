// name: documents-mentioning
// question: Which documents mention an actor, and how many of their claims involve it?
// params: actor:actor, limit:int=50
// example: -p actor=Kyiv
// note: Newest documents first; the page of documents is chosen before their claims are counted, so a busy actor costs only the documents shown.
MATCH (me:Actor {id: $actor})
MATCH (d:Document)-[:MENTIONS]->(me)
WITH me, d
ORDER BY d.published DESC, d.id
LIMIT $limit
OPTIONAL MATCH (d)<-[:IN]-(c:Claim)
WHERE (c)-[:MADE|TARGETS]-(me)
RETURN me.name AS actor, d.published AS published, d.title AS title, d.url AS url,
       d.id AS document_id, count(c) AS claims
ORDER BY actor, published DESC, document_id
// engine: neo4j
MATCH (me:Actor {id: $actor})
WITH me, COUNT { (me)<-[:MENTIONS]-() } AS mentions
CALL (me, mentions) {
  WITH me WHERE mentions <= 5000
  MATCH (d:Document)-[:MENTIONS]->(me)
  RETURN d ORDER BY d.published DESC, d.id LIMIT $limit
  UNION
  WITH me WHERE mentions > 5000
  MATCH (d:Document)
  WHERE d.published >= '' AND (d)-[:MENTIONS]->(me)
  RETURN d ORDER BY d.published DESC, d.id LIMIT $limit
}
OPTIONAL MATCH (d)<-[:IN]-(c:Claim)
WHERE (c)-[:MADE|TARGETS]-(me)
RETURN me.name AS actor, d.published AS published, d.title AS title, d.url AS url,
       d.id AS document_id, count(c) AS claims
ORDER BY actor, published DESC, document_id
