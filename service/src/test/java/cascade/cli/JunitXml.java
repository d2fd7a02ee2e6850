package cascade.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A JUnit XML report read back with the JDK's XML parser, as CI tools read it. */
record JunitXml(Element suites, Element suite, List<Case> cases) {

    record Case(String name, String classname, boolean failed, String message, String text) {
    }

    static JunitXml read(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(file.toFile());
        Element root = doc.getDocumentElement();
        Element suite = (Element) root.getElementsByTagName("testsuite").item(0);
        List<Case> cases = new ArrayList<>();
        NodeList list = suite.getElementsByTagName("testcase");
        for (int i = 0; i < list.getLength(); i++) {
            Element c = (Element) list.item(i);
            NodeList failures = c.getElementsByTagName("failure");
            Element failure = failures.getLength() == 0 ? null : (Element) failures.item(0);
            cases.add(new Case(c.getAttribute("name"), c.getAttribute("classname"), failure != null,
                    failure == null ? "" : failure.getAttribute("message"),
                    failure == null ? "" : failure.getTextContent()));
        }
        return new JunitXml(root, suite, cases);
    }
}
